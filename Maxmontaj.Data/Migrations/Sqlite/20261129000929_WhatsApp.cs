using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maxmontaj.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WhatsApp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProviderMessageId",
                table: "NotificationAttempts",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderStatus",
                table: "NotificationAttempts",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WhatsAppSessions",
                columns: table => new
                {
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LastInboundAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WhatsAppSessions", x => x.Phone);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationAttempts_Channel_ProviderMessageId",
                table: "NotificationAttempts",
                columns: new[] { "Channel", "ProviderMessageId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WhatsAppSessions");

            migrationBuilder.DropIndex(
                name: "IX_NotificationAttempts_Channel_ProviderMessageId",
                table: "NotificationAttempts");

            migrationBuilder.DropColumn(
                name: "ProviderMessageId",
                table: "NotificationAttempts");

            migrationBuilder.DropColumn(
                name: "ProviderStatus",
                table: "NotificationAttempts");
        }
    }
}
