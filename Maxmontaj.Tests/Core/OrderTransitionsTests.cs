using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;

namespace Maxmontaj.Tests.Core;

/// <summary>Every (from, to, role) triple against a table written out here by hand, independently of the code's table.</summary>
public sealed class OrderTransitionsTests
{
    private const string O = "office";   // Admin and Dispatcher
    private const string A = "all";      // office and field staff

    private static readonly Dictionary<(OrderStatus, OrderStatus), string> Expected = new()
    {
        [(OrderStatus.New, OrderStatus.Scheduled)] = O,
        [(OrderStatus.New, OrderStatus.OnHold)] = O,
        [(OrderStatus.New, OrderStatus.Cancelled)] = O,
        [(OrderStatus.Scheduled, OrderStatus.New)] = O,
        [(OrderStatus.Scheduled, OrderStatus.InProgress)] = A,
        [(OrderStatus.Scheduled, OrderStatus.OnHold)] = O,
        [(OrderStatus.Scheduled, OrderStatus.Cancelled)] = O,
        [(OrderStatus.InProgress, OrderStatus.Completed)] = A,
        [(OrderStatus.InProgress, OrderStatus.OnHold)] = O,
        [(OrderStatus.Completed, OrderStatus.Closed)] = O,
        [(OrderStatus.Completed, OrderStatus.Rework)] = O,
        [(OrderStatus.Rework, OrderStatus.Scheduled)] = O,
        [(OrderStatus.Rework, OrderStatus.InProgress)] = A,
        [(OrderStatus.Rework, OrderStatus.Cancelled)] = O,
        [(OrderStatus.OnHold, OrderStatus.New)] = O,
        [(OrderStatus.OnHold, OrderStatus.Scheduled)] = O,
        [(OrderStatus.OnHold, OrderStatus.Cancelled)] = O,
    };

    public static TheoryData<OrderStatus, OrderStatus, string> Triples()
    {
        var data = new TheoryData<OrderStatus, OrderStatus, string>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                foreach (var role in Roles.All)
                {
                    data.Add(from, to, role);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Triples))]
    public void Each_from_to_role_triple_is_allowed_exactly_as_the_table_says(OrderStatus from, OrderStatus to, string role)
    {
        var expected = Expected.TryGetValue((from, to), out var who)
            && (role is Roles.Admin or Roles.Dispatcher || (who == A && role is Roles.Executor or Roles.Specialist));

        Assert.Equal(expected, OrderTransitions.IsAllowed(from, to, r => r == role));
    }

    [Fact]
    public void Closed_and_cancelled_orders_go_nowhere()
    {
        Assert.Empty(OrderTransitions.Targets(OrderStatus.Closed, _ => true));
        Assert.Empty(OrderTransitions.Targets(OrderStatus.Cancelled, _ => true));
    }

    [Fact]
    public void A_submitted_report_takes_closing_and_rework_out_of_the_plain_status_changes()
    {
        static bool Office(string r) => r == Roles.Dispatcher;

        Assert.Equal([OrderStatus.Closed, OrderStatus.Rework], OrderTransitions.Targets(OrderStatus.Completed, Office).Order());
        Assert.Empty(OrderTransitions.Targets(OrderStatus.Completed, Office, reportSubmitted: true));
        Assert.All(Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Completed), from =>
            Assert.Equal(OrderTransitions.Targets(from, Office), OrderTransitions.Targets(from, Office, reportSubmitted: true)));
    }

    [Fact]
    public void Customers_move_nothing() =>
        Assert.All(Enum.GetValues<OrderStatus>(), from => Assert.Empty(OrderTransitions.Targets(from, r => r == Roles.Customer)));
}
