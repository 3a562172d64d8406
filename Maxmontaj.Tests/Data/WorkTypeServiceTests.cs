using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Data;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Data;

public abstract class WorkTypeServiceTests : DatabaseTest
{
    private WorkTypeService Service => Db.Get<WorkTypeService>();

    [Fact]
    public async Task Admins_add_rename_and_hide_work_types_and_hidden_ones_are_not_offered()
    {
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);

        var added = await Service.AddAsync("Монтаж рольставней");
        var renamed = await Service.RenameAsync(added.Value, "Монтаж рольставен");
        await Service.SetActiveAsync(added.Value, false);

        Assert.True(added.Succeeded && renamed.Succeeded);
        var row = (await Service.ListAsync()).Single(w => w.Id == added.Value);
        Assert.Equal(("Монтаж рольставен", false), (row.Name, row.IsActive));
        Assert.DoesNotContain(await Db.Get<UserDirectory>().WorkTypesAsync(), w => w.Id == added.Value);
    }

    [Fact]
    public async Task Empty_and_duplicate_names_are_refused_whatever_the_letter_case()
    {
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Admin);

        var duplicate = await Service.AddAsync("УСТАНОВКА ОКОН");
        var empty = await Service.AddAsync("   ");

        Assert.Equal("WorkType.NameTaken", Assert.Single(duplicate.Errors).Code);
        Assert.Equal("WorkType.NameRequired", Assert.Single(empty.Errors).Code);
        Assert.Equal(7, (await Service.ListAsync()).Count);
    }

    [Fact]
    public async Task Only_admins_edit_the_catalogue()
    {
        Db.CurrentUser.As(Guid.NewGuid(), Roles.Dispatcher);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Service.AddAsync("Что-то"));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Service.SetActiveAsync(1, false));
    }
}

[Trait("Category", "Sqlite")]
public sealed class WorkTypeServiceTests_Sqlite : WorkTypeServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Trait("Category", "MariaDb")]
public sealed class WorkTypeServiceTests_MariaDb : WorkTypeServiceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.MariaDb;
}
