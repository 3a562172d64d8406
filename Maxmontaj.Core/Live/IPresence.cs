namespace Maxmontaj.Core.Live;

/// <summary>Who has a page of the app open right now (a live circuit).</summary>
public interface IPresence
{
    /// <summary>True while <paramref name="userId"/> has at least one open page.</summary>
    bool IsOnline(Guid userId);
}
