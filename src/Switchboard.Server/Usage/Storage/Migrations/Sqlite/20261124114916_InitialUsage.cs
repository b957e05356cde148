using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Server.Usage.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "usage_budgets",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    scope_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    period = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    limit_amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    soft_limit_amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_budgets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "usage_limits",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    scope_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    requests_per_minute = table.Column<int>(type: "INTEGER", nullable: true),
                    tokens_per_minute = table.Column<int>(type: "INTEGER", nullable: true),
                    max_concurrent = table.Column<int>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_limits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "usage_records",
                columns: table => new
                {
                    id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    request_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    hour = table.Column<long>(type: "INTEGER", nullable: false),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    team_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    operation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    alias = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    deployment = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    provider = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    stream = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    error_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    input_tokens = table.Column<int>(type: "INTEGER", nullable: true),
                    output_tokens = table.Column<int>(type: "INTEGER", nullable: true),
                    cached_tokens = table.Column<int>(type: "INTEGER", nullable: true),
                    reasoning_tokens = table.Column<int>(type: "INTEGER", nullable: true),
                    cost_nanos = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    usage_estimated = table.Column<bool>(type: "INTEGER", nullable: false),
                    latency_ms = table.Column<double>(type: "REAL", nullable: false),
                    ttft_ms = table.Column<double>(type: "REAL", nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_usage_budgets_scope_scope_id_period",
                table: "usage_budgets",
                columns: new[] { "scope", "scope_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_usage_limits_scope_scope_id",
                table: "usage_limits",
                columns: new[] { "scope", "scope_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_usage_records_occurred_at",
                table: "usage_records",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_usage_records_tenant_id_occurred_at",
                table: "usage_records",
                columns: new[] { "tenant_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "usage_budgets");

            migrationBuilder.DropTable(
                name: "usage_limits");

            migrationBuilder.DropTable(
                name: "usage_records");
        }
    }
}
