using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maxmontaj.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KpiFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FirstStartedAt",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            // Backfill to the definitions of docs/analytics.md (ADR 0014). Exact where history allows, otherwise "not counted".
            // 1. A completion that was returned for rework and not completed again does not stand (rework, restarted, cancelled).
            migrationBuilder.Sql(
                "UPDATE Orders SET CompletedAt = NULL, CompletedDay = NULL, LeadTimeMinutes = NULL, MeasurementToInstallMinutes = NULL " +
                "WHERE CompletedDay IS NOT NULL AND Status NOT IN ('Completed', 'Closed')");

            // 2. The first start is the timeline's first move to InProgress; without one, the only start recorded.
            migrationBuilder.Sql(
                "UPDATE Orders SET FirstStartedAt = (SELECT MIN(e.At) FROM OrderEvents e WHERE e.OrderId = Orders.Id " +
                "AND e.Kind = 'StatusChanged' AND e.Details LIKE '%\u2192InProgress') WHERE StartedAt IS NOT NULL");
            migrationBuilder.Sql("UPDATE Orders SET FirstStartedAt = StartedAt WHERE FirstStartedAt IS NULL AND StartedAt IS NOT NULL");

            // DateTimeOffsetToBinaryConverter stores (UTC ticks / 1000) << 11: 15 minutes are 9 000 000 << 11 = 18 432 000 000.
            // 3. On time = first start at most 15 minutes after the window's start. Unscheduled orders, and orders whose window
            // was moved after the first start (the first window is lost), are not counted either way.
            const string movedAfterStart =
                "EXISTS (SELECT 1 FROM OrderEvents r WHERE r.OrderId = Orders.Id AND r.Kind = 'Rescheduled' AND r.At > Orders.FirstStartedAt)";
            migrationBuilder.Sql(
                "UPDATE Orders SET StartedOnTime = CASE WHEN FirstStartedAt <= ScheduledStart + 18432000000 THEN 1 ELSE 0 END " +
                "WHERE FirstStartedAt IS NOT NULL AND ScheduledStart IS NOT NULL AND NOT " + movedAfterStart);
            migrationBuilder.Sql("UPDATE Orders SET StartedOnTime = NULL WHERE ScheduledStart IS NULL OR FirstStartedAt IS NULL OR " + movedAfterStart);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FirstStartedAt",
                table: "Orders");
        }
    }
}
