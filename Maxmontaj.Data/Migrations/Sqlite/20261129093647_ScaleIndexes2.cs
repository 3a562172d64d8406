using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maxmontaj.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScaleIndexes2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime_HadCallback_MeasurementToInstallMinutes",
                table: "Orders");

            migrationBuilder.AddColumn<int>(
                name: "WorkTypeId",
                table: "Reviews",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "OrderCreatedAt",
                table: "OrderAssignments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Backfill the copies (ADR 0028) before their indexes are built; new rows get them from the services.
            migrationBuilder.Sql("UPDATE OrderAssignments SET OrderCreatedAt = (SELECT o.CreatedAt FROM Orders o WHERE o.Id = OrderAssignments.OrderId);");
            migrationBuilder.Sql("UPDATE Reviews SET WorkTypeId = (SELECT o.WorkTypeId FROM Orders o WHERE o.Id = Reviews.OrderId);");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_WorkTypeId_CreatedDay_Rating",
                table: "Reviews",
                columns: new[] { "WorkTypeId", "CreatedDay", "Rating" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime_HadCallback_MeasurementToInstallMinutes_OnSiteMinutes_EstimatedMinutes_ReworkCount",
                table: "Orders",
                columns: new[] { "CompletedDay", "WorkTypeId", "LeadTimeMinutes", "StartedOnTime", "HadCallback", "MeasurementToInstallMinutes", "OnSiteMinutes", "EstimatedMinutes", "ReworkCount" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderAssignments_UserId_OrderCreatedAt_OrderId",
                table: "OrderAssignments",
                columns: new[] { "UserId", "OrderCreatedAt", "OrderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reviews_WorkTypeId_CreatedDay_Rating",
                table: "Reviews");

            migrationBuilder.DropIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime_HadCallback_MeasurementToInstallMinutes_OnSiteMinutes_EstimatedMinutes_ReworkCount",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_OrderAssignments_UserId_OrderCreatedAt_OrderId",
                table: "OrderAssignments");

            migrationBuilder.DropColumn(
                name: "WorkTypeId",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "OrderCreatedAt",
                table: "OrderAssignments");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime_HadCallback_MeasurementToInstallMinutes",
                table: "Orders",
                columns: new[] { "CompletedDay", "WorkTypeId", "LeadTimeMinutes", "StartedOnTime", "HadCallback", "MeasurementToInstallMinutes" });
        }
    }
}
