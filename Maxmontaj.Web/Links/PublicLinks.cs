using Maxmontaj.Core.Common;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Web.Links;

/// <summary>Every outgoing link, from <see cref="PublicAddressOptions.PublicBaseUrl"/>, which start-up has already checked.</summary>
public sealed class PublicLinks(IOptions<PublicAddressOptions> options) : IPublicLinks
{
    // A trailing slash keeps a path in the base address (https://example.ru/maxmontaj/ + s/x).
    private readonly Uri _base = new(options.Value.PublicBaseUrl!.TrimEnd('/') + "/", UriKind.Absolute);

    public string Invitation(Guid userId, string token) => Absolute($"account/invite?user={userId}&token={Uri.EscapeDataString(token)}");

    public string PasswordReset(Guid userId, string token) => Absolute($"account/reset-password?user={userId}&token={Uri.EscapeDataString(token)}");

    public string StatusPage(string token) => Absolute($"s/{Uri.EscapeDataString(token)}");

    private string Absolute(string relative) => new Uri(_base, relative).AbsoluteUri;
}
