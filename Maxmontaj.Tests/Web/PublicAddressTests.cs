using Maxmontaj.Core.Common;
using Maxmontaj.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Tests.Web;

/// <summary>The app in a given environment with App:PublicBaseUrl set to a value, or removed (null).</summary>
public sealed class PublicAddressAppFactory(string environment, string? publicBaseUrl) : MaxmontajAppFactory
{
    protected override string Environment => environment;

    protected override IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>
    {
        ["App:PublicBaseUrl"] = publicBaseUrl,
    };
}

[Trait("Category", "Sqlite")]
public sealed class PublicAddressTests
{
    private static async Task<Exception?> StartAsync(string environment, string? value, Action<IPublicLinks>? check = null)
    {
        var app = new PublicAddressAppFactory(environment, value);
        await ((IAsyncLifetime)app).InitializeAsync();
        try
        {
            using var client = app.CreateClient();
            check?.Invoke(app.Services.GetRequiredService<IPublicLinks>());
            return null;
        }
        catch (OptionsValidationException exception)
        {
            return exception;
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Production", null, "App:PublicBaseUrl is required outside Development")]
    [InlineData("Testing", "", "App:PublicBaseUrl is required outside Development")]
    [InlineData("Production", "/maxmontaj", "App:PublicBaseUrl must be an absolute http or https address")]
    [InlineData("Production", "crm.example.ru", "App:PublicBaseUrl must be an absolute http or https address")]
    [InlineData("Production", "ftp://crm.example.ru", "App:PublicBaseUrl must be an absolute http or https address")]
    [InlineData("Development", "https://crm.example.ru/?x=1", "App:PublicBaseUrl must be an absolute http or https address")]
    public async Task Start_up_fails_naming_the_setting_when_the_public_address_is_missing_or_not_absolute(string environment, string? value, string message)
    {
        var failure = await StartAsync(environment, value);

        Assert.NotNull(failure);
        Assert.Contains(message, failure.Message);
    }

    [Theory]
    [InlineData("Development", null, "http://localhost:5080/s/abc")]
    [InlineData("Production", "https://crm.example.ru", "https://crm.example.ru/s/abc")]
    [InlineData("Production", "https://example.ru/maxmontaj/", "https://example.ru/maxmontaj/s/abc")]
    public async Task Links_are_built_on_the_public_address_and_Development_defaults_to_the_local_one(string environment, string? value, string expected)
    {
        string? link = null;

        var failure = await StartAsync(environment, value, links => link = links.StatusPage("abc"));

        Assert.Null(failure);
        Assert.Equal(expected, link);
    }
}
