using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maxmontaj.Data.Migrations.MariaDb
{
    /// <inheritdoc />
    public partial class OrderLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CancelledDay",
                table: "Orders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ClosedDay",
                table: "Orders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CompletedAt",
                table: "Orders",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CompletedDay",
                table: "Orders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedDay",
                table: "Orders",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "HadCallback",
                table: "Orders",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "LeadTimeMinutes",
                table: "Orders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MeasurementToInstallMinutes",
                table: "Orders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OnSiteMinutes",
                table: "Orders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReworkCount",
                table: "Orders",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StartedAt",
                table: "Orders",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StartedOnTime",
                table: "Orders",
                type: "tinyint(1)",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CancelledDay",
                table: "Orders",
                column: "CancelledDay");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ClosedDay",
                table: "Orders",
                column: "ClosedDay");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId",
                table: "Orders",
                columns: new[] { "CompletedDay", "WorkTypeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ContactPhone_WorkTypeId_CompletedAt",
                table: "Orders",
                columns: new[] { "ContactPhone", "WorkTypeId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CreatedDay_WorkTypeId",
                table: "Orders",
                columns: new[] { "CreatedDay", "WorkTypeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_CancelledDay",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_ClosedDay",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_ContactPhone_WorkTypeId_CompletedAt",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_CreatedDay_WorkTypeId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CancelledDay",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ClosedDay",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CompletedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CompletedDay",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CreatedDay",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "HadCallback",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "LeadTimeMinutes",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "MeasurementToInstallMinutes",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "OnSiteMinutes",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ReworkCount",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "StartedOnTime",
                table: "Orders");
        }
    }
}
