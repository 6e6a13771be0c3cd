using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;

namespace AttrHpo.Orleans.Tests.AdoNet;

/// <summary>
/// Orleans' ADO.NET providers, driven directly, against our script's tables: the membership table's optimistic concurrency
/// (a change is written only from the table version it was read at, atomically with the version's step) and the grain state's
/// (a write names the version it read), which Orleans' membership protocol and grain activations rely on.
/// </summary>
public sealed class AdoNetContractTests
{
    [Fact]
    public async Task TheMembershipTableTakesAChangeOnlyFromTheVersionItWasReadAt()
    {
        await using var database = await AdoNetDatabase.CreateAsync();
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = database.Schema, ServiceId = AdoNetSilos.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = database.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None); // a second silo starting: the version row stays

        var empty = await table.ReadAllAsync(CancellationToken.None);
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var first = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(first, empty.Version.Next(), CancellationToken.None));
        // Written from a stale version (0), or for a silo already listed: refused, and the version stays at 1.
        Assert.False(await table.InsertRowAsync(Entry(11112, SiloStatus.Joining), empty.Version.Next(), CancellationToken.None));
        var one = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, one.Version.Version);
        Assert.False(await table.InsertRowAsync(first, one.Version.Next(), CancellationToken.None));
        Assert.Equal(1, (await table.ReadAllAsync(CancellationToken.None)).Version.Version);
        var listed = Assert.Single(one.Members).Item1;
        Assert.Equal((first.SiloAddress, first.SiloName, first.HostName, SiloStatus.Joining, first.ProxyPort, first.StartTime), (listed.SiloAddress, listed.SiloName, listed.HostName, listed.Status, listed.ProxyPort, listed.StartTime));

        // Two silos read version 1; the first to write wins, the other's write (a suspicion here) is refused whole.
        var second = Entry(11112, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(second, one.Version.Next(), CancellationToken.None));
        first.Status = SiloStatus.Active;
        first.SuspectTimes = [Tuple.Create(second.SiloAddress, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc))];
        Assert.False(await table.UpdateRowAsync(first, Etag(one, first), one.Version.Next(), CancellationToken.None));
        var two = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(2, two.Version.Version);
        Assert.Equal(SiloStatus.Joining, two.TryGet(first.SiloAddress)!.Item1.Status);
        Assert.True(await table.UpdateRowAsync(first, Etag(two, first), two.Version.Next(), CancellationToken.None));
        var row = await table.ReadRowAsync(first.SiloAddress, CancellationToken.None);
        Assert.Equal(3, row.Version.Version);
        var updated = Assert.Single(row.Members).Item1;
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.Equal(first.SuspectTimes, updated.SuspectTimes);
        // A silo that is not listed cannot be updated, and the version does not move for it.
        Assert.False(await table.UpdateRowAsync(Entry(11113, SiloStatus.Active), row.Version.VersionEtag, row.Version.Next(), CancellationToken.None));
        Assert.Empty((await table.ReadRowAsync(Entry(11113, SiloStatus.Active).SiloAddress, CancellationToken.None)).Members);
        Assert.Equal(3, (await table.ReadAllAsync(CancellationToken.None)).Version.Version);

        // The heartbeat writes the alive time only, without the version.
        var alive = new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = second.SiloAddress, IAmAliveTime = alive }, CancellationToken.None);
        var afterHeartbeat = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(3, afterHeartbeat.Version.Version);
        Assert.Equal(alive, afterHeartbeat.TryGet(second.SiloAddress)!.Item1.IAmAliveTime);

        // Housekeeping removes dead silos last alive before the date, nothing else.
        first.Status = SiloStatus.Dead;
        Assert.True(await table.UpdateRowAsync(first, Etag(afterHeartbeat, first), afterHeartbeat.Version.Next(), CancellationToken.None));
        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        var cleaned = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal([second.SiloAddress], cleaned.Members.Select(m => m.Item1.SiloAddress));

        await table.DeleteMembershipTableEntriesAsync(database.Schema, CancellationToken.None);
        Assert.Empty(await database.RowsAsync("SELECT * FROM orleans_cluster_version"));
        Assert.Empty(await database.RowsAsync("SELECT * FROM orleans_silo"));
    }

    [Fact]
    public async Task AGrainStateIsWrittenOnlyFromTheVersionItWasReadAt()
    {
        await using var database = await AdoNetDatabase.CreateAsync();
        await using var storage = StudyStorage.InMemory();
        using var silo = await AdoNetSilos.StartSiloAsync(
            database,
            storage,
            CancellationToken.None,
            s => s.AddAdoNetGrainStorage(DeletingStorage, o => (o.Invariant, o.ConnectionString, o.DeleteStateOnClear) = ("Npgsql", database.ConnectionString, true)));
        try
        {
            var grains = silo.Services.GetRequiredKeyedService<IGrainStorage>(AttrHpoSiloOptions.GrainStorageName);
            var grain = GrainId.Create("test", "a-study");

            var nothing = Text();
            await grains.ReadStateAsync("study", grain, nothing);
            Assert.False(nothing.RecordExists);
            Assert.Null(nothing.ETag);

            var mine = Text("one");
            await grains.WriteStateAsync("study", grain, mine);
            Assert.Equal("1", mine.ETag);
            // Another activation that read nothing, or read version 1 after this one wrote 2: refused.
            var late = Text("late");
            await Assert.ThrowsAsync<InconsistentStateException>(() => grains.WriteStateAsync("study", grain, late));
            await grains.ReadStateAsync("study", grain, late);
            mine.State = ["two"];
            await grains.WriteStateAsync("study", grain, mine);
            Assert.Equal("2", mine.ETag);
            await Assert.ThrowsAsync<InconsistentStateException>(() => grains.WriteStateAsync("study", grain, late));

            var read = Text();
            await grains.ReadStateAsync("study", grain, read);
            Assert.Equal(("two", "2", true), (Assert.Single(read.State!), read.ETag, read.RecordExists));

            // Cleared: the state goes, its version stays and steps on, so the next write names it.
            await grains.ClearStateAsync("study", grain, read);
            Assert.Equal(("3", false), (read.ETag, read.RecordExists));
            var cleared = Text();
            await grains.ReadStateAsync("study", grain, cleared);
            Assert.Equal((0, "3", false), (cleared.State!.Count, cleared.ETag, cleared.RecordExists)); // a new, empty state
            await Assert.ThrowsAsync<InconsistentStateException>(() => grains.ClearStateAsync("study", grain, mine));
            cleared.State = ["three"];
            await grains.WriteStateAsync("study", grain, cleared);
            Assert.Equal("4", cleared.ETag);

            // Other state names and other kinds of key (integer, Guid, each with and without an extension) are rows of their own.
            var type = GrainType.Create("test");
            var guid = Guid.NewGuid();
            GrainId[] others =
            [
                GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(42)),
                GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(42, "ext")),
                GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid)),
                GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
            ];
            var states = others.Select(id => (Id: id, State: Text(id.ToString()))).ToArray();
            foreach (var (id, state) in states)
            {
                await grains.WriteStateAsync("study", id, state);
            }

            var otherName = Text("directory");
            await grains.WriteStateAsync("directory", grain, otherName);
            Assert.All(states, s => Assert.Equal("1", s.State.ETag));
            Assert.Equal("1", otherName.ETag);
            foreach (var (id, state) in states)
            {
                var back = Text();
                await grains.ReadStateAsync("study", id, back);
                Assert.Equal(id.ToString(), Assert.Single(back.State!));
            }

            Assert.Equal(6, (await database.RowsAsync("SELECT * FROM orleans_grain_state WHERE service_id = $1", AdoNetSilos.ServiceId)).Count);

            // With DeleteStateOnClear, a clear deletes the row (from the version read only), and the next write starts again at 1.
            var deleting = silo.Services.GetRequiredKeyedService<IGrainStorage>(DeletingStorage);
            var gone = GrainId.Create("test", "deleted");
            var first = Text("first");
            await deleting.WriteStateAsync("study", gone, first);
            var stale = Text();
            await deleting.ReadStateAsync("study", gone, stale);
            await deleting.WriteStateAsync("study", gone, first);
            await Assert.ThrowsAsync<InconsistentStateException>(() => deleting.ClearStateAsync("study", gone, stale));
            await deleting.ClearStateAsync("study", gone, first);
            Assert.Equal((null, false), (first.ETag, first.RecordExists));
            Assert.Empty(await database.RowsAsync("SELECT * FROM orleans_grain_state WHERE key_text = 'deleted'"));
            var again = Text("again");
            await deleting.WriteStateAsync("study", gone, again);
            Assert.Equal("1", again.ETag);
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }
    }

    private const string DeletingStorage = "deleting";

    /// <summary>A grain state of one text (none when null), as a type Orleans can both serialize and create empty.</summary>
    private static GrainState<List<string>> Text(string? text = null) => new(text is null ? null : [text]);

    /// <summary>The row's etag as read, which Orleans hands back with its update.</summary>
    private static string Etag(MembershipTableData data, MembershipEntry entry) => data.TryGet(entry.SiloAddress)!.Item2;

    private static MembershipEntry Entry(int port, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 7),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = port + 1000,
        StartTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        IAmAliveTime = new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc),
    };
}
