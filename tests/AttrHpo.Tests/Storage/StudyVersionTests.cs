using System.Globalization;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// Versions of a study in a real SQLite file: each kind of space change is refused by default, naming the difference and the
/// option; with <see cref="SpaceChange.NewVersion"/> it makes the next version, which opening the same space again continues,
/// and the earlier version stays exactly as recorded, readable with its own space.
/// </summary>
public sealed class StudyVersionTests : IDisposable
{
    internal static readonly Dimension[] Original =
    [
        new RealDimension("lr", 1e-4, 1, log: true),
        new IntegerDimension("units", 16, 128, step: 16),
        new CategoricalDimension("optimizer", ["sgd", "adam"]),
    ];

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    public static TheoryData<string, string> Changes => new()
    {
        { "range", "'lr' changed from real [0.0001, 1] log to real [0.0001, 0.1] log" },
        { "scale", "'lr' changed from real [0.0001, 1] log to real [0.0001, 1]" },
        { "step", "'units' changed from integer [16, 128] step 16 to integer [16, 128] step 32" },
        { "choices", "'optimizer' changed from choice {sgd, adam} to choice {sgd, adam, rmsprop}" },
        { "added", "'momentum' was added (real [0, 0.99])" },
        { "removed", "'optimizer' was removed (it was choice {sgd, adam})" },
    };

    internal static Dimension[] Changed(string change) => change switch
    {
        "range" => [new RealDimension("lr", 1e-4, 0.1, log: true), Original[1], Original[2]],
        "scale" => [new RealDimension("lr", 1e-4, 1), Original[1], Original[2]],
        "step" => [Original[0], new IntegerDimension("units", 16, 128, step: 32), Original[2]],
        "choices" => [Original[0], Original[1], new CategoricalDimension("optimizer", ["sgd", "adam", "rmsprop"])],
        "added" => [.. Original, new RealDimension("momentum", 0, 0.99)],
        "removed" => [Original[0], Original[1]],
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "not a change"),
    };

    /// <summary>What a record holds that must never change, one line per trial.</summary>
    internal static IReadOnlyList<string> Snapshot(TrialChanges changes) =>
        [.. changes.Trials.Select(t => string.Join(
            " | ",
            t.Number,
            t.State,
            string.Join(",", t.Point.Select(p => p.ToString("R", CultureInfo.InvariantCulture))),
            t.ParametersJson,
            t.Value?.ToString("R", CultureInfo.InvariantCulture),
            t.Seed,
            t.Version))];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task ByDefaultEachChangeIsRefusedNamingItAndTheOptionAndNothingIsWritten(string change, string difference)
    {
        var before = await RecordOriginalAsync(trials: 3);
        await using var storage = StudyStorage.Sqlite(_file.Path);

        var edited = Study.Create(new SpaceObjective(Changed(change)), new StudyOptions { Storage = storage, Name = "s" });
        var error = await Assert.ThrowsAsync<StudyStorageException>(() => edited.OptimizeAsync(6));

        Assert.Contains("The study 's' (version 1) was recorded with another search space", error.Message);
        Assert.Contains(difference, error.Message);
        Assert.Contains("To start version 2 of 's'", error.Message);
        Assert.Contains("StudyOptions.OnSpaceChange = SpaceChange.NewVersion", error.Message);
        Assert.Equal(0, edited.Version);
        Assert.Equal(["s v1"], (await storage.GetStudiesAsync(None)).Select(s => s.ToString()));
        Assert.Equal(before, Snapshot(await storage.GetChangesAsync("s", 0, None)));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task WhenAskedEachChangeMakesANewVersionAndTheOldOneStaysReadableWithItsOwnSpace(string change, string difference)
    {
        var before = await RecordOriginalAsync(trials: 4);
        await using var storage = StudyStorage.Sqlite(_file.Path);

        var edited = Study.Create(new SpaceObjective(Changed(change)), new StudyOptions { Storage = storage, Name = "s", OnSpaceChange = SpaceChange.NewVersion });
        var result = await edited.OptimizeAsync(2);

        Assert.Equal(2, edited.Version);
        Assert.Equal([0, 1], result.Trials.Select(t => t.Number)); // trials and a budget of its own
        var studies = await storage.GetStudiesAsync(None);
        Assert.Equal(["s v1", "s v2"], studies.Select(s => s.ToString()));
        Assert.Equal(["s", "s (version 2)"], studies.Select(s => s.StorageName));
        Assert.Equal(SpaceDefinition.Of(new SearchSpace(Original)), studies[0].Space);
        Assert.Equal(SpaceDefinition.Of(new SearchSpace(Changed(change))), studies[1].Space);
        Assert.Equal(before, Snapshot(await storage.GetChangesAsync("s", 0, None)));

        // Version 1, read as it was: by the objective as it was then, its values decoded with its own space.
        var objective = new SpaceObjective(Original);
        var old = Study.Create(objective, new StudyOptions { Storage = storage, Name = "s", Version = 1 });
        var trials = await old.GetTrialsAsync();
        Assert.Equal(1, old.Version);
        Assert.Equal(4, trials.Count);
        Assert.All(trials, t => Assert.Equal(t.Record.ParametersJson, old.Objective.ToJson(old.Objective.Decode([.. t.Record.Point]))));
        Assert.All(trials, t => Assert.Equal(objective.ValueOf(t.Parameters), t.Value));

        // The edited objective cannot read version 1: its points would be decoded with the wrong space.
        var wrong = Study.Create(new SpaceObjective(Changed(change)), new StudyOptions { Storage = storage, Name = "s", Version = 1 });
        var error = await Assert.ThrowsAsync<StudyStorageException>(() => wrong.GetTrialsAsync());
        Assert.Contains("The study 's' (version 1) was recorded with another search space", error.Message);
        Assert.Contains(difference, error.Message);
        Assert.Contains("leave StudyOptions.Version unset", error.Message);
        Assert.Equal(before, Snapshot(await storage.GetChangesAsync("s", 0, None)));
    }

    [Fact]
    public async Task OpeningTheNewSpaceAgainContinuesTheNewVersionAndGoingBackIsAChangeFromIt()
    {
        await RecordOriginalAsync(trials: 3);
        var changed = Changed("range");
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            await Study.Create(new SpaceObjective(changed), new StudyOptions { Storage = storage, Name = "s", OnSpaceChange = SpaceChange.NewVersion }).OptimizeAsync(2);
        }

        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            var again = Study.Create(new SpaceObjective(changed), new StudyOptions { Storage = storage, Name = "s", OnSpaceChange = SpaceChange.NewVersion });
            var result = await again.OptimizeAsync(3);
            Assert.Equal(2, again.Version);
            Assert.Equal([0, 1, 2, 3, 4], result.Trials.Select(t => t.Number));

            // With the default too: the latest version has this space, so there is nothing to refuse.
            var plain = Study.Create(new SpaceObjective(changed), new StudyOptions { Storage = storage, Name = "s" });
            Assert.Equal(("s", 2, "s (version 2)"), await plain.OpenAsync() is var v ? (v.Name, v.Version, v.StorageName) : default);
            Assert.Equal(5, (await plain.GetTrialsAsync()).Count);

            // The first space again is a change from version 2.
            var back = Study.Create(new SpaceObjective(Original), new StudyOptions { Storage = storage, Name = "s" });
            var error = await Assert.ThrowsAsync<StudyStorageException>(() => back.OpenAsync());
            Assert.Contains("The study 's' (version 2) was recorded with another search space", error.Message);
            Assert.Contains("'lr' changed from real [0.0001, 0.1] log to real [0.0001, 1] log", error.Message);
            Assert.Contains("To start version 3 of 's'", error.Message);
            Assert.Equal(2, (await storage.GetStudiesAsync(None)).Count);
        }
    }

    [Fact]
    public async Task AVersionThatDoesNotExistOrANameThatIsTakenIsRefusedWithTheWayOn()
    {
        await RecordOriginalAsync(trials: 1);
        await using var storage = StudyStorage.Sqlite(_file.Path);

        var missing = Study.Create(new SpaceObjective(Original), new StudyOptions { Storage = storage, Name = "s", Version = 3 });
        var error = await Assert.ThrowsAsync<StudyStorageException>(() => missing.OpenAsync());
        Assert.Contains("The study 's' has no version 3; it has versions 1.", error.Message);

        // A study of its own under the name version 2 would be kept under.
        await Study.Create(new SpaceObjective(Original), new StudyOptions { Storage = storage, Name = "s (version 2)" }).OptimizeAsync(1);
        var edited = Study.Create(new SpaceObjective(Changed("range")), new StudyOptions { Storage = storage, Name = "s", OnSpaceChange = SpaceChange.NewVersion });
        error = await Assert.ThrowsAsync<StudyStorageException>(() => edited.OpenAsync());
        Assert.Contains("Cannot create version 2 of the study 's': the name 's (version 2)' it would be kept under is taken", error.Message);
        Assert.Equal(["s v1", "s (version 2) v1"], (await storage.GetStudiesAsync(None)).Select(s => s.ToString()));

        Assert.Throws<ArgumentOutOfRangeException>(() => Study.Create(new SpaceObjective(Original), new StudyOptions { Version = 0 }));
    }

    [Fact]
    public async Task InMemoryStorageKeepsVersionsTheSameWay()
    {
        var storage = new InMemoryStudyStorage();
        await Study.Create(new SpaceObjective(Original), new StudyOptions { Storage = storage, Name = "s" }).OptimizeAsync(3);
        var before = Snapshot(await storage.GetChangesAsync("s", 0, None));

        var edited = Study.Create(new SpaceObjective(Changed("added")), new StudyOptions { Storage = storage, Name = "s", OnSpaceChange = SpaceChange.NewVersion });
        await edited.OptimizeAsync(2);
        var again = Study.Create(new SpaceObjective(Changed("added")), new StudyOptions { Storage = storage, Name = "s" });

        Assert.Equal(2, edited.Version);
        Assert.Equal(2, (await again.GetTrialsAsync()).Count);
        Assert.Equal(["s v1", "s v2"], (await storage.GetStudiesAsync(None)).Select(s => s.ToString()));
        Assert.Equal(before, Snapshot(await storage.GetChangesAsync("s", 0, None)));
    }

    [Fact]
    public async Task AFileOfSchemaTwoIsUpgradedWithItsTrialsKeptAndItsStudiesGetVersions()
    {
        var before = await RecordOriginalAsync(trials: 3);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            // What the file looked like before versions: no version columns.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                "DROP INDEX studies_by_version_of; ALTER TABLE studies DROP COLUMN version_of; ALTER TABLE studies DROP COLUMN version_number; " +
                "UPDATE attrhpo_schema SET version = 2";
            command.ExecuteNonQuery();
        }

        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            var edited = Study.Create(new SpaceObjective(Changed("choices")), new StudyOptions { Storage = storage, Name = "s", OnSpaceChange = SpaceChange.NewVersion });
            await edited.OptimizeAsync(2);
            Assert.Equal(2, edited.Version);
            Assert.Equal(3, edited.WarmStartObservations.Count);
            Assert.Equal(before, Snapshot(await storage.GetChangesAsync("s", 0, None)));
        }

        using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file.Path};Mode=ReadOnly;Pooling=False");
        check.Open();
        using var read = check.CreateCommand();
        read.CommandText = "SELECT version FROM attrhpo_schema";
        Assert.Equal(3L, read.ExecuteScalar());
    }

    [Fact]
    public void TheVersionBindingForwardsEveryOperationOfTheStorage()
    {
        // An operation left to the interface's default would not reach the bound version's trials.
        var map = typeof(StudyVersionBinding).GetInterfaceMap(typeof(IStudyStorage));

        Assert.All(map.TargetMethods, m => Assert.Equal(typeof(StudyVersionBinding), m.DeclaringType));
    }

    /// <summary>Records version 1 of study "s" with the original space in the file, and returns its trials' snapshot.</summary>
    private async Task<IReadOnlyList<string>> RecordOriginalAsync(int trials)
    {
        await using var storage = StudyStorage.Sqlite(_file.Path);
        await Study.Create(new SpaceObjective(Original), new StudyOptions { Storage = storage, Name = "s", Seed = 7 }).OptimizeAsync(trials);
        return Snapshot(await storage.GetChangesAsync("s", 0, None));
    }
}
