using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Server.ControlPlane.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenantKeysAndRbac : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "service_accounts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "member");

            migrationBuilder.CreateTable(
                name: "identity_changes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_changes", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "identity_changes",
                columns: new[] { "id", "version" },
                values: new object[] { 1, 0L });

            // Every change that matters to authentication raises the counter in the same transaction, so each process's
            // identity snapshot notices it (ADR 009). Users: not on login bookkeeping (last login, failed attempts, lockout).
            migrationBuilder.Sql("CREATE TRIGGER tenants_identity_insert AFTER INSERT ON tenants BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER tenants_identity_delete AFTER DELETE ON tenants BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER tenants_identity_update AFTER UPDATE ON tenants BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER teams_identity_insert AFTER INSERT ON teams BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER teams_identity_delete AFTER DELETE ON teams BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER teams_identity_update AFTER UPDATE ON teams BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER team_memberships_identity_insert AFTER INSERT ON team_memberships BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER team_memberships_identity_delete AFTER DELETE ON team_memberships BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER team_memberships_identity_update AFTER UPDATE ON team_memberships BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER service_accounts_identity_insert AFTER INSERT ON service_accounts BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER service_accounts_identity_delete AFTER DELETE ON service_accounts BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER service_accounts_identity_update AFTER UPDATE ON service_accounts BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER api_keys_identity_insert AFTER INSERT ON api_keys BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER api_keys_identity_delete AFTER DELETE ON api_keys BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER api_keys_identity_update AFTER UPDATE ON api_keys BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER users_identity_insert AFTER INSERT ON users BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER users_identity_delete AFTER DELETE ON users BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
            migrationBuilder.Sql("CREATE TRIGGER users_identity_update AFTER UPDATE OF tenant_id, email, display_name, role, disabled, external_issuer, external_subject ON users BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tenants_identity_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tenants_identity_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tenants_identity_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS teams_identity_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS teams_identity_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS teams_identity_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS team_memberships_identity_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS team_memberships_identity_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS team_memberships_identity_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS service_accounts_identity_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS service_accounts_identity_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS service_accounts_identity_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS api_keys_identity_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS api_keys_identity_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS api_keys_identity_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS users_identity_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS users_identity_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS users_identity_update;");

            migrationBuilder.DropTable(
                name: "identity_changes");

            migrationBuilder.DropColumn(
                name: "role",
                table: "service_accounts");
        }
    }
}
