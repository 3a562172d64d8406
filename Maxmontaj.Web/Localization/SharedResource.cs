namespace Maxmontaj.Web;

/// <summary>Marker for the shared UI strings: Resources/SharedResource.resx (Russian, neutral) and SharedResource.en.resx.</summary>
public sealed class SharedResource;
