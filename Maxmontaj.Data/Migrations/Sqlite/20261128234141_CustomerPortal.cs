using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maxmontaj.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerPortal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ChatReadMarks",
                table: "ChatReadMarks");

            migrationBuilder.DropIndex(
                name: "IX_ChatMessages_OrderId_Id",
                table: "ChatMessages");

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsFollowUp",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PriceReleased",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "ChatReadMarks",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "ChatMessages",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ChatReadMarks",
                table: "ChatReadMarks",
                columns: new[] { "UserId", "OrderId", "Channel" });

            migrationBuilder.CreateTable(
                name: "Reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExecutorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedDay = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reviews_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatusLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatusLinks_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_OrderId_Channel_Id",
                table: "ChatMessages",
                columns: new[] { "OrderId", "Channel", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_CreatedDay",
                table: "Reviews",
                column: "CreatedDay");

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_ExecutorId_Rating",
                table: "Reviews",
                columns: new[] { "ExecutorId", "Rating" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_OrderId",
                table: "Reviews",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatusLinks_OrderId",
                table: "StatusLinks",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_StatusLinks_TokenHash",
                table: "StatusLinks",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Reviews");

            migrationBuilder.DropTable(
                name: "StatusLinks");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ChatReadMarks",
                table: "ChatReadMarks");

            migrationBuilder.DropIndex(
                name: "IX_ChatMessages_OrderId_Channel_Id",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "NeedsFollowUp",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "PriceReleased",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "ChatReadMarks");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "ChatMessages");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ChatReadMarks",
                table: "ChatReadMarks",
                columns: new[] { "UserId", "OrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_OrderId_Id",
                table: "ChatMessages",
                columns: new[] { "OrderId", "Id" });
        }
    }
}
