using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Core;

public sealed class UserAccessPolicyTests
{
    [Fact]
    public void Admins_manage_every_role() =>
        Assert.Equal(Roles.All, UserAccessPolicy.ManageableRoles(new TestCurrentUser().As(Guid.NewGuid(), Roles.Admin)));

    [Fact]
    public void Dispatchers_manage_only_field_staff_and_customers() =>
        Assert.Equal([Roles.Specialist, Roles.Executor, Roles.Customer],
            UserAccessPolicy.ManageableRoles(new TestCurrentUser().As(Guid.NewGuid(), Roles.Dispatcher)));

    [Theory]
    [InlineData(Roles.Executor)]
    [InlineData(Roles.Specialist)]
    [InlineData(Roles.Customer)]
    public void Field_staff_and_customers_manage_nobody(string role) =>
        Assert.Empty(UserAccessPolicy.ManageableRoles(new TestCurrentUser().As(Guid.NewGuid(), role)));

    [Fact]
    public void A_dispatcher_cannot_manage_a_customer_who_is_also_a_dispatcher() =>
        Assert.False(UserAccessPolicy.CanManage(new TestCurrentUser().As(Guid.NewGuid(), Roles.Dispatcher), [Roles.Customer, Roles.Dispatcher]));
}
