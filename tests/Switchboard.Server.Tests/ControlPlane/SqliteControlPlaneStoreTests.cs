using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>The conformance suite against the embedded store: <c>DATA/control.db</c> in a temp directory per test.</summary>
public sealed class SqliteControlPlaneStoreTests : ControlPlaneStoreConformanceTests
{
    protected override string DropAuditTriggersSql => "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;";

    internal override Task<ControlPlaneStorageOptions> CreateEmptyStoreAsync(string dataDirectory) =>
        Task.FromResult(new ControlPlaneStorageOptions { Provider = ControlPlaneProvider.Sqlite });
}
