using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Tests.Usage;

/// <summary>The usage store on SQLite: <c>DATA/usage.db</c> in a temp directory per test.</summary>
public sealed class SqliteUsageStoreTests : UsageStoreConformanceTests
{
    internal override Task<(ControlPlaneProvider Provider, string? ConnectionString)> CreateEmptyStoreAsync() =>
        Task.FromResult<(ControlPlaneProvider, string?)>((ControlPlaneProvider.Sqlite, null));
}
