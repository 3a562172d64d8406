using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Maxmontaj.Web;

/// <summary>
/// MapStaticAssets serves this project's files precompressed at every address, but a package's files (MudBlazor's 613 KB css,
/// its js) only at their plain address: the SDK adds no compressed variant to the fingerprinted address the pages link.
/// Those few answers are compressed on the fly (fastest level; each client fetches them once per release, then caches them
/// for a year). A response that already carries Content-Encoding is left alone. ADR 0030.
/// </summary>
public static class StaticAssetCompression
{
    public static IServiceCollection AddMaxmontajStaticAssetCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Only package static files pass through it (public, no secrets), so compression over HTTPS leaks nothing.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UseMaxmontajStaticAssetCompression(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/_content"), branch => branch.UseResponseCompression());
        return app;
    }
}
