using Maxmontaj.Data.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maxmontaj.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_ClosedDay",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_CreatedDay_WorkTypeId",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ClosedDay_WorkTypeId_ReworkCount_FinalPrice",
                table: "Orders",
                columns: new[] { "ClosedDay", "WorkTypeId", "ReworkCount", "FinalPrice" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime_HadCallback_MeasurementToInstallMinutes",
                table: "Orders",
                columns: new[] { "CompletedDay", "WorkTypeId", "LeadTimeMinutes", "StartedOnTime", "HadCallback", "MeasurementToInstallMinutes" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CreatedDay_WorkTypeId_Status",
                table: "Orders",
                columns: new[] { "CreatedDay", "WorkTypeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_CreatedAt",
                table: "Orders",
                columns: new[] { "Status", "CreatedAt" });

            // Full-text search (ADR 0027): not expressible in the model, so raw SQL per provider.
            migrationBuilder.Sql(OrderSearchSql.SqliteBackfillPhoneWords);
            migrationBuilder.Sql(OrderSearchSql.SqliteCreate);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OrderSearchSql.SqliteDrop);

            migrationBuilder.DropIndex(
                name: "IX_Orders_ClosedDay_WorkTypeId_ReworkCount_FinalPrice",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId_LeadTimeMinutes_StartedOnTime_HadCallback_MeasurementToInstallMinutes",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_CreatedDay_WorkTypeId_Status",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_CreatedAt",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ClosedDay",
                table: "Orders",
                column: "ClosedDay");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CompletedDay_WorkTypeId",
                table: "Orders",
                columns: new[] { "CompletedDay", "WorkTypeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CreatedDay_WorkTypeId",
                table: "Orders",
                columns: new[] { "CreatedDay", "WorkTypeId" });
        }
    }
}
