using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maxmontaj.Data.Migrations.MariaDb
{
    /// <inheritdoc />
    public partial class ScaleIndexes2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime~",
                table: "Orders");

            migrationBuilder.AddColumn<int>(
                name: "WorkTypeId",
                table: "Reviews",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OrderCreatedAt",
                table: "OrderAssignments",
                type: "datetime(6)",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Backfill the copies (ADR 0028) before their indexes are built; new rows get them from the services.
            migrationBuilder.Sql("UPDATE OrderAssignments a JOIN Orders o ON o.Id = a.OrderId SET a.OrderCreatedAt = o.CreatedAt;");
            migrationBuilder.Sql("UPDATE Reviews r JOIN Orders o ON o.Id = r.OrderId SET r.WorkTypeId = o.WorkTypeId;");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_WorkTypeId_CreatedDay_Rating",
                table: "Reviews",
                columns: new[] { "WorkTypeId", "CreatedDay", "Rating" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime~",
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
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime~",
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
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime~",
                table: "Orders",
                columns: new[] { "CompletedDay", "WorkTypeId", "LeadTimeMinutes", "StartedOnTime", "HadCallback", "MeasurementToInstallMinutes" });
        }
    }
}
