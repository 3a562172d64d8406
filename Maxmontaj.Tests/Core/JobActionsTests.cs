using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Orders;

namespace Maxmontaj.Tests.Core;

/// <summary>
/// The job page's actions for every status, written out by hand. Letters: a = accept, d = decline, w = "on the way",
/// s = start, r = the report is shown, u = the report can be submitted.
/// </summary>
public sealed class JobActionsTests
{
    private static string Letters(JobActions a) =>
        string.Concat(a.CanAccept ? "a" : "", a.CanDecline ? "d" : "", a.CanSayOnTheWay ? "w" : "", a.CanStart ? "s" : "",
            a.ShowsReport ? "r" : "", a.CanSubmitReport ? "u" : "");

    [Theory]
    // A lead who has not answered yet: the answer comes first where there is one to give.
    [InlineData(OrderStatus.New, false, "ad", JobWait.None)]
    [InlineData(OrderStatus.Scheduled, false, "ad", JobWait.None)]
    [InlineData(OrderStatus.InProgress, false, "ru", JobWait.None)]
    [InlineData(OrderStatus.Completed, false, "r", JobWait.Review)]
    [InlineData(OrderStatus.Closed, false, "r", JobWait.Closed)]
    [InlineData(OrderStatus.OnHold, false, "", JobWait.OnHold)]
    [InlineData(OrderStatus.Cancelled, false, "", JobWait.Cancelled)]
    [InlineData(OrderStatus.Rework, false, "wsr", JobWait.None)]
    // A lead who has accepted.
    [InlineData(OrderStatus.New, true, "", JobWait.Scheduling)]
    [InlineData(OrderStatus.Scheduled, true, "ws", JobWait.None)]
    [InlineData(OrderStatus.InProgress, true, "ru", JobWait.None)]
    [InlineData(OrderStatus.Completed, true, "r", JobWait.Review)]
    [InlineData(OrderStatus.Closed, true, "r", JobWait.Closed)]
    [InlineData(OrderStatus.OnHold, true, "", JobWait.OnHold)]
    [InlineData(OrderStatus.Cancelled, true, "", JobWait.Cancelled)]
    [InlineData(OrderStatus.Rework, true, "wsr", JobWait.None)]
    public void A_lead_with_a_visit_time_gets_these_actions(OrderStatus status, bool accepted, string expected, JobWait wait)
    {
        var actions = JobActions.For(status, AssignmentRole.Lead, accepted, onTheWay: false, hasVisit: true);

        Assert.Equal((expected, wait), (Letters(actions), actions.WaitingFor));
    }

    [Fact]
    public void An_accepted_order_without_a_visit_time_says_it_waits_for_the_dispatcher_to_set_it()
    {
        var actions = JobActions.For(OrderStatus.New, AssignmentRole.Lead, accepted: true, onTheWay: false, hasVisit: false);

        Assert.Equal(("", JobWait.VisitTime), (Letters(actions), actions.WaitingFor));
    }

    [Fact]
    public void Once_on_the_way_the_next_step_is_to_start()
    {
        var actions = JobActions.For(OrderStatus.Scheduled, AssignmentRole.Lead, accepted: true, onTheWay: true, hasVisit: true);

        Assert.Equal(("s", JobWait.None), (Letters(actions), actions.WaitingFor));
    }

    [Theory]
    [InlineData(OrderStatus.Scheduled, false, "w", JobWait.None)]
    [InlineData(OrderStatus.Scheduled, true, "", JobWait.Lead)]
    [InlineData(OrderStatus.InProgress, true, "r", JobWait.Lead)]
    [InlineData(OrderStatus.Rework, true, "r", JobWait.Lead)]
    public void A_helper_neither_starts_nor_submits_and_is_told_the_lead_does(OrderStatus status, bool onTheWay, string expected, JobWait wait)
    {
        var actions = JobActions.For(status, AssignmentRole.Helper, accepted: true, onTheWay, hasVisit: true);

        Assert.Equal((expected, wait), (Letters(actions), actions.WaitingFor));
    }

    [Fact]
    public void A_specialist_measuring_starts_and_submits_like_a_lead()
    {
        var actions = JobActions.For(OrderStatus.Scheduled, AssignmentRole.Specialist, accepted: true, onTheWay: true, hasVisit: true);

        Assert.True(actions.CanStart);
        Assert.True(JobActions.For(OrderStatus.InProgress, AssignmentRole.Specialist, true, true, true).CanSubmitReport);
    }
}
