using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Tests.Data;

public abstract class ChatTests : OrderTestBase
{
    private ChatService Chat => Db.Get<ChatService>();

    private async Task<(Guid Order, Guid Fitter)> ThreadAsync()
    {
        var fitter = await PersonAsync(Roles.Executor, "Иван Монтажник", skills: WindowInstall);
        AsDispatcher();
        var id = await CreateOrderAsync(NewOrder(start: Tomorrow(10)));
        await Assignment.AssignAsync(id, fitter, AssignmentRole.Lead);
        return (id, fitter);
    }

    [Fact]
    public async Task Messages_go_both_ways_are_kept_in_order_and_pushed_live()
    {
        var (id, fitter) = await ThreadAsync();
        var (events, subscription) = Record(LiveTopics.Chat(id));
        using var _ = subscription;

        await Chat.PostAsync(id, "Клиент просил позвонить за час");
        As(fitter, Roles.Executor);
        await Chat.PostAsync(id, "<b>Понял</b>, позвоню");

        var thread = await Chat.ThreadAsync(id);
        Assert.Equal(["Клиент просил позвонить за час", "<b>Понял</b>, позвоню"], thread.Messages.Select(m => m.Text));
        Assert.Equal([false, true], thread.Messages.Select(m => m.Mine));
        Assert.Equal(2, (await EventuallyAsync(events, 2)).Count);
    }

    [Fact]
    public async Task Empty_and_over_long_messages_are_refused_and_nothing_is_stored()
    {
        var (id, _) = await ThreadAsync();

        var empty = await Chat.PostAsync(id, "   ");
        var tooLong = await Chat.PostAsync(id, new string('я', ChatService.MaxText + 1));
        var disguised = await Chat.PostAsync(id, "фото", "MZ not an image"u8.ToArray());

        Assert.Equal([ChatService.TextRequired], empty.Errors);
        Assert.Equal([ChatService.TextTooLong], tooLong.Errors);
        Assert.Equal("Photo.NotAnImage", Assert.Single(disguised.Errors).Code);
        Assert.Empty((await Chat.ThreadAsync(id)).Messages);
    }

    [Fact]
    public async Task Only_the_office_and_the_people_on_the_order_read_or_post_and_removed_people_lose_access_but_not_history()
    {
        var (id, fitter) = await ThreadAsync();
        var stranger = await PersonAsync(Roles.Executor, "Чужой", skills: WindowInstall);
        As(fitter, Roles.Executor);
        await Chat.PostAsync(id, "На месте");

        As(stranger, Roles.Executor);
        await Assert.ThrowsAsync<NotFoundException>(() => Chat.ThreadAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => Chat.PostAsync(id, "Привет"));
        Assert.Empty(await Chat.UnreadAsync());

        AsDispatcher();
        await Assignment.UnassignAsync(id, fitter);
        As(fitter, Roles.Executor);
        await Assert.ThrowsAsync<NotFoundException>(() => Chat.ThreadAsync(id));
        AsDispatcher();
        Assert.Equal(["На месте"], (await Chat.ThreadAsync(id)).Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Unread_counters_count_others_messages_until_the_thread_is_read()
    {
        var (id, fitter) = await ThreadAsync();
        await Chat.PostAsync(id, "Первое");
        await Chat.PostAsync(id, "Второе");
        As(fitter, Roles.Executor);

        var before = await Chat.UnreadAsync();
        await Chat.PostAsync(id, "Ответ");
        var afterReply = await Chat.UnreadAsync();
        AsDispatcher();
        var office = await Chat.UnreadAsync();
        var inbox = await Chat.InboxAsync(null);
        await Chat.MarkReadAsync(id);

        Assert.Equal(2, before[id]);
        Assert.Empty(afterReply);
        Assert.Equal(1, office[id]);
        Assert.Equal((id, 1, "Ответ"), (inbox[0].OrderId, inbox[0].Unread, inbox[0].LastText));
        Assert.Empty(await Chat.UnreadAsync());
        Assert.Single(await Chat.InboxAsync("ответ"));
        Assert.Empty(await Chat.InboxAsync("нет такого"));
    }

    [Fact]
    public async Task A_message_to_someone_without_an_open_page_becomes_a_stored_notification()
    {
        var (id, fitter) = await ThreadAsync();

        await Chat.PostAsync(id, "Перенесли на 12:00");
        Db.Presence.Connected(fitter);
        await Chat.PostAsync(id, "Вы на связи?");

        await using var db = Db.NewContext();
        var note = Assert.Single(await db.Notifications.Where(n => n.Kind == "chat").ToListAsync());
        Assert.Equal((fitter, "chat", (Guid?)id), (note.UserId, note.Kind, note.OrderId));
        Assert.EndsWith("Перенесли на 12:00", note.Text);
    }
}

[Trait("Category", "Sqlite")]
public sealed class ChatTests_Sqlite : ChatTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class ChatTests_MariaDb : ChatTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}
