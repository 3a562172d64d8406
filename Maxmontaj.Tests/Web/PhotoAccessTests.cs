using System.Net;
using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Tests.Web;

/// <summary>The app with one report photo on an order led by one executor, and another executor who is not on it.</summary>
public sealed class PhotoAppFactory : MaxmontajAppFactory
{
    public Guid PhotoId { get; private set; }

    /// <summary>Photos of the order's customer thread: one the customer sent with the request, one the office sent.</summary>
    public (long Request, long Office) CustomerThreadPhotos { get; private set; }

    /// <summary>A photo in the order's internal thread, which customers never see.</summary>
    public long StaffThreadPhoto { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var owner = await CreateUserAsync(Roles.Executor, "owner@example.ru", skills: 1);
        await CreateUserAsync(Roles.Executor, "other@example.ru", skills: 1);
        await CreateUserAsync(Roles.Dispatcher, "desk@example.ru");
        var order = await AddOrderAsync("Клиент С Фото");
        var stored = await Services.GetRequiredService<IPhotoStore>().SaveAsync(TestImages.Png(), ".png");
        PhotoId = Guid.NewGuid();
        await WithDbAsync(db =>
        {
            var reportId = Guid.NewGuid();
            db.OrderAssignments.Add(new OrderAssignment { OrderId = order.Id, UserId = owner.Id, Role = AssignmentRole.Lead });
            db.Reports.Add(new Report { Id = reportId, OrderId = order.Id, AuthorId = owner.Id });
            db.ReportPhotos.Add(new ReportPhoto { Id = PhotoId, ReportId = reportId, StoredName = stored, ContentType = "image/png", OriginalName = "p.png" });
            return Task.CompletedTask;
        });

        var customer = await CreateUserAsync(Roles.Customer, "client@example.ru");
        await CreateUserAsync(Roles.Customer, "stranger@example.ru");
        var desk = await CreateUserAsync(Roles.Dispatcher, "desk2@example.ru");
        ChatMessage Photo(ChatChannel channel, Guid author) => new()
        {
            OrderId = order.Id, Channel = channel, AuthorId = author, PhotoStoredName = stored, PhotoContentType = "image/png", SentAt = DateTimeOffset.UtcNow,
        };
        var (request, office, staff) = (Photo(ChatChannel.Customer, customer.Id), Photo(ChatChannel.Customer, desk.Id), Photo(ChatChannel.Staff, desk.Id));
        await WithDbAsync(async db =>
        {
            (await db.Orders.SingleAsync(o => o.Id == order.Id)).CustomerId = customer.Id;
            db.ChatMessages.AddRange(request, office, staff);
        });
        CustomerThreadPhotos = (request.Id, office.Id);
        StaffThreadPhoto = staff.Id;
    }
}

[Trait("Category", "Sqlite")]
public sealed class PhotoAccessTests(PhotoAppFactory app) : IClassFixture<PhotoAppFactory>
{
    [Theory]
    [InlineData("owner@example.ru", HttpStatusCode.OK)]
    [InlineData("desk@example.ru", HttpStatusCode.OK)]
    [InlineData("other@example.ru", HttpStatusCode.NotFound)]
    public async Task A_photo_is_served_only_to_people_who_may_see_its_order(string login, HttpStatusCode expected)
    {
        var client = await SignInForm.SignedInClientAsync(app, login);

        var response = await client.GetAsync($"/photos/report/{app.PhotoId}");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(TestImages.Png(), await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData("client@example.ru", HttpStatusCode.OK)]
    [InlineData("desk@example.ru", HttpStatusCode.OK)]
    [InlineData("stranger@example.ru", HttpStatusCode.NotFound)]
    [InlineData("owner@example.ru", HttpStatusCode.NotFound)]
    public async Task Photos_of_the_customer_thread_are_served_to_the_order_customer_and_the_office_only(string login, HttpStatusCode expected)
    {
        var client = await SignInForm.SignedInClientAsync(app, login);

        var request = await client.GetAsync($"/photos/chat/{app.CustomerThreadPhotos.Request}");
        var office = await client.GetAsync($"/photos/chat/{app.CustomerThreadPhotos.Office}");

        Assert.Equal((expected, expected), (request.StatusCode, office.StatusCode));
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(TestImages.Png(), await request.Content.ReadAsByteArrayAsync());
            Assert.Equal(TestImages.Png(), await office.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_customer_gets_no_photo_of_the_internal_thread_nor_of_a_report()
    {
        var client = await SignInForm.SignedInClientAsync(app, "client@example.ru");

        var staff = await client.GetAsync($"/photos/chat/{app.StaffThreadPhoto}");
        var report = await client.GetAsync($"/photos/report/{app.PhotoId}");

        Assert.Equal(HttpStatusCode.NotFound, staff.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, report.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_unknown_photos_are_not_found()
    {
        var anonymous = await SignInForm.NewClient(app).GetAsync($"/photos/report/{app.PhotoId}");
        var unknown = await (await SignInForm.SignedInClientAsync(app, "desk@example.ru")).GetAsync($"/photos/report/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
