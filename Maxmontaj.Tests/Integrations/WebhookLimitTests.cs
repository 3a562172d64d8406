using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Maxmontaj.Tests.Integrations;

/// <summary>Memory is measured process-wide, so these run alone.</summary>
[CollectionDefinition(nameof(WebhookLimitCollection), DisableParallelization = true)]
public sealed class WebhookLimitCollection;

/// <summary>A body written from one small reused buffer, so the client itself allocates almost nothing; chunked when asked.</summary>
internal sealed class GeneratedContent(long length, bool chunked) : HttpContent
{
    public long Written { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'a');
        while (Written < length)
        {
            var count = (int)Math.Min(chunk.Length, length - Written);
            await stream.WriteAsync(chunk.AsMemory(0, count));
            Written += count;
        }
    }

    protected override bool TryComputeLength(out long size)
    {
        size = length;
        return !chunked;
    }

    public static byte[] Bytes(long length) => Enumerable.Repeat((byte)'a', (int)length).ToArray();
}

[Trait("Category", "Sqlite")]
[Collection(nameof(WebhookLimitCollection))]
public sealed class WhatsAppWebhookLimitTests(WhatsAppAppFactory app) : IClassFixture<WhatsAppAppFactory>
{
    private const long Huge = 28L * 1024 * 1024;

    private HttpClient Client() => new() { BaseAddress = new Uri(app.ServerAddress), Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, HttpContent content, (string Name, string Value)? header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        try
        {
            return await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The server may answer and close while the client is still sending; the answer is then lost to HttpClient.
            return new HttpResponseMessage(0);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=nothex")]
    [InlineData("md5=0123")]
    public async Task An_unsigned_28_MB_post_is_refused_without_reading_it(string? signature)
    {
        using var client = Client();
        await client.GetAsync("/whatsapp/webhook"); // warm up the connection and the endpoint
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var response = await SendAsync(client, "/whatsapp/webhook", new GeneratedContent(Huge, chunked: false),
            signature is null ? null : ("X-Hub-Signature-256", signature));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, (HttpStatusCode)0 });
        Assert.True(allocated < 12L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB while refusing an unsigned post");
    }

    [Fact]
    public async Task An_unsigned_post_with_a_small_body_answers_401_at_once()
    {
        using var client = Client();

        var response = await SendAsync(client, "/whatsapp/webhook", new StringContent("{}"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_2_MB_body_answers_413(bool chunked)
    {
        const long size = 2L * 1024 * 1024;
        using var client = Client();
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WhatsAppAppFactory.Secret), GeneratedContent.Bytes(size)));

        var response = await SendAsync(client, "/whatsapp/webhook", new GeneratedContent(size, chunked), ("X-Hub-Signature-256", signature));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.RequestEntityTooLarge, (HttpStatusCode)0 });
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_small_body_is_still_accepted()
    {
        using var client = Client();
        const string json = """{"object":"whatsapp_business_account","entry":[]}""";
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WhatsAppAppFactory.Secret), Encoding.UTF8.GetBytes(json)));
        var content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await SendAsync(client, "/whatsapp/webhook", content, ("X-Hub-Signature-256", signature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_signature_on_a_small_body_still_answers_401()
    {
        using var client = Client();
        var content = new StringContent("""{"entry":[]}""", Encoding.UTF8, "application/json");

        var response = await SendAsync(client, "/whatsapp/webhook", content, ("X-Hub-Signature-256", "sha256=" + new string('0', 64)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

[Trait("Category", "Sqlite")]
[Collection(nameof(WebhookLimitCollection))]
public sealed class TelegramWebhookLimitTests(TelegramAppFactory app) : IClassFixture<TelegramAppFactory>
{
    private HttpClient Client() => new() { BaseAddress = new Uri(app.ServerAddress), Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpContent content, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = content };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        try
        {
            return (await client.SendAsync(request)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    [Fact]
    public async Task An_unsigned_28_MB_post_is_refused_without_reading_it()
    {
        using var client = Client();
        await SendAsync(client, new StringContent("{}"), null);
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var status = await SendAsync(client, new GeneratedContent(28L * 1024 * 1024, chunked: true), null);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Contains(status, new[] { HttpStatusCode.Unauthorized, (HttpStatusCode)0 });
        Assert.True(allocated < 12L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB while refusing an unsigned post");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_2_MB_update_with_the_secret_answers_413(bool chunked)
    {
        using var client = Client();

        var status = await SendAsync(client, new GeneratedContent(2L * 1024 * 1024, chunked), TelegramAppFactory.Secret);

        Assert.Contains(status, new[] { HttpStatusCode.RequestEntityTooLarge, (HttpStatusCode)0 });
    }
}
