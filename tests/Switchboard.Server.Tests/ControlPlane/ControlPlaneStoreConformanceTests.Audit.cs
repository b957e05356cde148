using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.Tests.ControlPlane;

public abstract partial class ControlPlaneStoreConformanceTests
{
    [Fact]
    public async Task Audit_ManyConcurrentAppends_FormOneIntactChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            ControlPlane.Audit.AppendAsync(new AuditRecord(AuditActor.Key($"key_{i}"), AuditActions.KeyCreated, Details: AuditDetails.Of(("n", $"{i}"))), default).AsTask()));

        var verification = await ControlPlane.VerifyAuditAsync();

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(300, verification.Entries);
        await using var db = ControlPlane.CreateDbContext();
        var first = await db.AuditEntries.SingleAsync(e => e.Sequence == 1);
        Assert.Equal(AuditChain.GenesisHash, first.PreviousHash);
        Assert.Equal(Clock.GetUtcNow(), first.Timestamp);
        Assert.Equal(verification.HeadHash, (await db.AuditEntries.SingleAsync(e => e.Sequence == 300)).Hash);
    }

    [Fact]
    public async Task Audit_TwoWritersOnOneDatabase_KeepASingleChain()
    {
        await using var second = await StartServicesAsync();

        await Task.WhenAll(
            AppendManyAsync(ControlPlane.Audit, "first"),
            AppendManyAsync(second.Audit, "second"));
        await second.Audit.FlushAsync(default);
        var verification = await ControlPlane.VerifyAuditAsync();

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(200, verification.Entries);

        static async Task AppendManyAsync(AuditLog log, string writer)
        {
            for (var i = 0; i < 100; i++)
            {
                await log.AppendAsync(new AuditRecord(AuditActor.System, AuditActions.ConfigChanged, Target: $"{writer}:{i}"), default);
                if (i % 10 == 0)
                {
                    await log.FlushAsync(default);
                }
            }
        }
    }

    [Fact]
    public async Task Audit_EditedEntry_IsReportedWithAHashMismatch()
    {
        await AppendAsync(5);
        await ExecuteSqlAsync(DropAuditTriggersSql);

        await ExecuteSqlAsync("UPDATE audit_entries SET target = 'config:forged' WHERE sequence = 3");
        var verification = await ControlPlane.VerifyAuditAsync();

        Assert.Equal(3, verification.BrokenAt);
        Assert.Equal("hash mismatch: the entry was modified", verification.Reason);
    }

    [Fact]
    public async Task Audit_DeletedEntry_IsReportedAsMissing()
    {
        await AppendAsync(5);
        await ExecuteSqlAsync(DropAuditTriggersSql);

        await ExecuteSqlAsync("DELETE FROM audit_entries WHERE sequence = 3");
        var verification = await ControlPlane.VerifyAuditAsync();

        Assert.Equal(3, verification.BrokenAt);
        Assert.Equal("entry missing (the next stored entry is #4)", verification.Reason);
    }

    [Fact]
    public async Task Audit_EditedEntryWithARecomputedHash_BreaksTheNextLink()
    {
        await AppendAsync(5);
        await ExecuteSqlAsync(DropAuditTriggersSql);
        await using var db = ControlPlane.CreateDbContext();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 3);
        entry.Action = AuditActions.DocumentDeleted;
        var forgedHash = AuditChain.ComputeHash(entry);

        await db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET action = {entry.Action}, hash = {forgedHash} WHERE sequence = 3");
        var verification = await ControlPlane.VerifyAuditAsync();

        Assert.Equal(4, verification.BrokenAt);
        Assert.Equal("previous hash does not match entry #3", verification.Reason);
    }

    [Fact]
    public async Task Audit_TheDatabaseRefusesUpdatesAndDeletes()
    {
        await AppendAsync(2);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteSqlAsync("UPDATE audit_entries SET action = 'x' WHERE sequence = 1"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteSqlAsync("DELETE FROM audit_entries"));
        Assert.True((await ControlPlane.VerifyAuditAsync()).Intact);
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await ControlPlane.Audit.AppendAsync(new AuditRecord(AuditActor.User(Guid.NewGuid()), AuditActions.ConfigChanged, Guid.NewGuid(),
                $"config:{i}", AuditDetails.Of(("n", $"{i}"))), default);
        }

        Assert.Equal(count, (await ControlPlane.VerifyAuditAsync()).Entries);
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var db = ControlPlane.CreateDbContext();
#pragma warning disable EF1002 // Fixed test SQL, no input.
        await db.Database.ExecuteSqlRawAsync(sql);
#pragma warning restore EF1002
    }
}
