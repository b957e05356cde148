using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Server.ControlPlane.Storage.Migrations.Postgres
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
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "member");

            migrationBuilder.CreateTable(
                name: "identity_changes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_changes", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "identity_changes",
                columns: new[] { "id", "version" },
                values: new object[] { 1, 0L });

            // Every change that matters to authentication raises the counter in the same transaction (once per statement), so each process's
            // identity snapshot notices it (ADR 009). Users: not on login bookkeeping (last login, failed attempts, lockout).
            migrationBuilder.Sql("CREATE FUNCTION identity_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE identity_changes SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;");
            migrationBuilder.Sql("CREATE TRIGGER tenants_identity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenants FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();");
            migrationBuilder.Sql("CREATE TRIGGER teams_identity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON teams FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();");
            migrationBuilder.Sql("CREATE TRIGGER team_memberships_identity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON team_memberships FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();");
            migrationBuilder.Sql("CREATE TRIGGER service_accounts_identity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_accounts FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();");
            migrationBuilder.Sql("CREATE TRIGGER api_keys_identity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();");
            migrationBuilder.Sql("CREATE TRIGGER users_identity_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF tenant_id, email, display_name, role, disabled, external_issuer, external_subject ON users FOR EACH STATEMENT EXECUTE FUNCTION identity_changed();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tenants_identity_changed ON tenants;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS teams_identity_changed ON teams;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS team_memberships_identity_changed ON team_memberships;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS service_accounts_identity_changed ON service_accounts;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS api_keys_identity_changed ON api_keys;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS users_identity_changed ON users;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS identity_changed();");

            migrationBuilder.DropTable(
                name: "identity_changes");

            migrationBuilder.DropColumn(
                name: "role",
                table: "service_accounts");
        }
    }
}
