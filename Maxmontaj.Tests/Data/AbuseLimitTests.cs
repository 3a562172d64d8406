using System.Resources;
using System.Globalization;
using System.Text;
using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Quotas;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Maxmontaj.Tests.Data;

/// <summary>Daily quotas per user and photos stored re-encoded (issue 16, resource abuse).</summary>
public abstract class AbuseLimitTests : OrderTestBase
{
    private const string Payload = "<html><script>alert('pwn')</script></html>";

    private ChatService Chat => Db.Get<ChatService>();
    private QuotaOptions Quotas => Db.Get<IOptions<QuotaOptions>>().Value;
    private string PhotosFolder => Db.Settings["Storage:PhotosFolder"]!;
    private int StoredFiles => Directory.Exists(PhotosFolder) ? Directory.GetFiles(PhotosFolder, "*", SearchOption.AllDirectories).Length : 0;

    private static string Russian(string code) =>
        new ResourceManager("Maxmontaj.Web.Resources.SharedResource", typeof(Maxmontaj.Web.SharedResource).Assembly)
            .GetString("Error." + code, CultureInfo.GetCultureInfo("ru-RU"))!;

    private async Task<Guid> CustomerAsync()
    {
        var id = await Db.Get<CustomerAccountService>().RegisterAsync("Анна Клиентова", "+7 910 123-45-67", null, "Secret-Pass-123");
        Assert.True(id.Succeeded, string.Join(",", id.Errors.Select(e => e.Code)));
        return id.Value;
    }

    private static OrderRequest Request(params byte[][] photos) => new()
    {
        Address = "ул. Цветочная, 7", ContactPhone = "+7 910 123-45-67", WorkTypeId = WindowInstall, Description = "Балкон", Photos = [.. photos],
    };

    [Fact]
    public async Task Chat_photos_past_the_daily_quota_are_refused_with_a_russian_message_and_nothing_is_saved()
    {
        Quotas.ChatPhotosPerDay = 2;
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder());
        Assert.True((await Chat.PostAsync(order, "раз", TestImages.Jpeg())).Succeeded);
        Assert.True((await Chat.PostAsync(order, "два", TestImages.Png())).Succeeded);
        var files = StoredFiles;

        var third = await Chat.PostAsync(order, "три", TestImages.Jpeg());
        var text = await Chat.PostAsync(order, "без фото");

        Assert.Equal(QuotaService.ChatPhotosExceeded, Assert.Single(third.Errors).Code);
        Assert.True(text.Succeeded, "text without a photo is not limited");
        Assert.Equal(files, StoredFiles);
        await using var db = Db.NewContext();
        Assert.Equal(2, await db.ChatMessages.CountAsync(m => m.PhotoStoredName != null));
        Assert.Contains("слишком много фотографий", Russian(QuotaService.ChatPhotosExceeded));

        // The next company day the quota starts again.
        Db.Time.Advance(TimeSpan.FromDays(1));
        Assert.True((await Chat.PostAsync(order, "завтра", TestImages.Jpeg())).Succeeded);
    }

    [Fact]
    public async Task Portal_requests_past_the_daily_quota_are_refused_with_a_russian_message_and_nothing_is_saved()
    {
        Quotas.RequestsPerDay = 2;
        var customer = await CustomerAsync();
        As(customer, Roles.Customer);
        var portal = Db.Get<CustomerPortalService>();
        Assert.True((await portal.RequestAsync(Request())).Succeeded);
        Assert.True((await portal.RequestAsync(Request(TestImages.Jpeg()))).Succeeded);
        var files = StoredFiles;

        var third = await portal.RequestAsync(Request(TestImages.Jpeg()));

        Assert.Equal(QuotaService.RequestsExceeded, Assert.Single(third.Errors).Code);
        Assert.Equal(files, StoredFiles);
        await using var db = Db.NewContext();
        Assert.Equal(2, await db.Orders.CountAsync(o => o.CustomerId == customer));
        Assert.Contains("слишком много заявок", Russian(QuotaService.RequestsExceeded));
    }

    [Fact]
    public async Task A_portal_request_with_a_photo_that_does_not_decode_is_refused_as_a_field_error_and_creates_nothing()
    {
        var customer = await CustomerAsync();
        As(customer, Roles.Customer);
        var files = StoredFiles;

        // Passes the structural check (a JPEG's markers) but holds no picture, so re-encoding refuses it.
        var result = await Db.Get<CustomerPortalService>().RequestAsync(Request(TestImages.Jpeg(), TestImages.CameraJpeg()));

        var error = Assert.Single(result.Errors);
        Assert.Equal((PhotoInspector.NotAnImage, "Photos"), (error.Code, error.Field));
        Assert.Equal(files, StoredFiles);
        await using var db = Db.NewContext();
        Assert.False(await db.Orders.AnyAsync(o => o.CustomerId == customer));
    }

    [Fact]
    public async Task A_portal_request_whose_photos_pass_the_chat_photo_quota_is_refused_whole()
    {
        Quotas.ChatPhotosPerDay = 2;
        var customer = await CustomerAsync();
        As(customer, Roles.Customer);

        var result = await Db.Get<CustomerPortalService>().RequestAsync(Request(TestImages.Jpeg(), TestImages.Jpeg(), TestImages.Png()));

        Assert.Equal(QuotaService.ChatPhotosExceeded, Assert.Single(result.Errors).Code);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Orders.CountAsync(o => o.CustomerId == customer));
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public async Task A_polyglot_photo_is_stored_as_a_clean_image(string kind)
    {
        var upload = kind == "jpeg" ? TestImages.PolyglotJpeg(Payload) : TestImages.PolyglotPng(Payload);
        Assert.True(PhotoInspector.Inspect(upload).IsValid, "the polyglot passes the byte check: only re-encoding removes the payload");
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder());

        var posted = await Chat.PostAsync(order, "", upload);

        Assert.True(posted.Succeeded, string.Join(",", posted.Errors.Select(e => e.Code)));
        await using var db = Db.NewContext();
        var message = await db.ChatMessages.SingleAsync(m => m.Id == posted.Value);
        using var stream = Db.Get<IPhotoStore>().OpenRead(message.PhotoStoredName!)!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        var stored = copy.ToArray();
        var text = Encoding.Latin1.GetString(stored);
        Assert.DoesNotContain("<script", text);
        Assert.DoesNotContain("GPSLatitude", text);
        Assert.DoesNotContain("<html", text);
        using var bitmap = SKBitmap.Decode(stored);
        Assert.NotNull(bitmap);
        Assert.Equal((8, 8), (bitmap.Width, bitmap.Height));
        Assert.True(PhotoInspector.Inspect(stored).IsValid);
    }

    [Fact]
    public async Task A_report_photo_is_stored_re_encoded_and_a_file_that_does_not_decode_is_refused()
    {
        var fitter = await PersonAsync(Roles.Executor, "Фёдор Монтажников", skills: WindowInstall);
        AsDispatcher();
        var order = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(order, fitter, Maxmontaj.Core.Orders.AssignmentRole.Lead);
        await Orders.ChangeStatusAsync(order, Maxmontaj.Core.Orders.OrderStatus.Scheduled);
        As(fitter, Roles.Executor);
        var reports = Db.Get<ReportService>();

        var good = await reports.AddPhotoAsync(order, TestImages.PolyglotJpeg(Payload), "a.jpg", null);
        var fake = await reports.AddPhotoAsync(order, TestImages.CameraJpeg(), "b.jpg", null);

        Assert.True(good.Succeeded, string.Join(",", good.Errors.Select(e => e.Code)));
        Assert.Equal(PhotoInspector.NotAnImage, Assert.Single(fake.Errors).Code);
        await using var db = Db.NewContext();
        var photo = await db.ReportPhotos.SingleAsync();
        using var stream = Db.Get<IPhotoStore>().OpenRead(photo.StoredName)!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.DoesNotContain("<script", Encoding.Latin1.GetString(copy.ToArray()));
        Assert.Equal(copy.Length, photo.Size);
    }
}

[Trait("Category", "Sqlite")]
public sealed class AbuseLimitTests_Sqlite : AbuseLimitTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class AbuseLimitTests_MariaDb : AbuseLimitTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}
