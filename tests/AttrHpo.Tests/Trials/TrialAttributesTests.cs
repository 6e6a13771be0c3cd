using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Trials;

/// <summary>User attributes: set by the objective, kept with the trial whatever its ending, in memory and in a SQLite file.</summary>
public sealed class TrialAttributesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("attrhpo-attributes-").FullName;

    public static TheoryData<string> Storages => ["memory", "sqlite"];

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task AttributesOfCompleteAndFailedTrialsAreRecordedAndReadBack(string kind)
    {
        var path = Path.Combine(_folder, "study.db");
        var objective = TestObjective.FromTrial(trial =>
        {
            trial.SetAttribute("accuracy", 0.875);
            trial.SetAttribute("device", "cpu:0");
            trial.SetAttribute("device", $"cpu:{trial.Number}");
            return trial.Number == 1 ? throw new InvalidOperationException("diverged") : trial.Number;
        });
        var options = new StudyOptions { Name = "attributes", Seed = 3, FailFastAfter = 0 };

        var first = Storage(kind, path, out var disposable);
        await Study.Create(objective, options with { Storage = first }).OptimizeAsync(trials: 3);
        disposable?.Dispose();

        // Read back through a fresh storage object for SQLite: what is on disk, not what is cached.
        var second = kind == "memory" ? first : Storage(kind, path, out disposable);
        var trials = await Study.Create(objective, options with { Storage = second }).GetTrialsAsync();
        disposable?.Dispose();

        Assert.Equal([TrialState.Complete, TrialState.Failed, TrialState.Complete], trials.Select(t => t.State));
        foreach (var trial in trials)
        {
            Assert.Equal(["accuracy", "device"], trial.Record.Attributes.Keys);
            Assert.Equal("0.875", trial.Record.Attributes["accuracy"]);
            Assert.Equal($"cpu:{trial.Number}", trial.Record.Attributes["device"]);
        }
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task AskedTrialsCarryTheirAttributesWhenTold(string kind)
    {
        var storage = Storage(kind, Path.Combine(_folder, "ask.db"), out var disposable);
        var study = Study.Create(TestObjective.FromFunc(_ => 0), new StudyOptions { Storage = storage });

        var asked = await study.AskAsync();
        asked.Context.SetAttribute("note", "quoted \"text\", unicode é, newline\n");
        var told = await study.TellAsync(asked, 1.5);
        var read = (await study.GetTrialsAsync()).Single();
        disposable?.Dispose();

        Assert.Equal("quoted \"text\", unicode é, newline\n", told.Record.Attributes["note"]);
        Assert.Equal(told.Record.Attributes, read.Record.Attributes);
    }

    [Fact]
    public void BadKeysAndValuesAreRefusedWithTheFix()
    {
        var context = new TrialContext("s", 4, 0, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var empty = Assert.Throws<ArgumentException>(() => context.SetAttribute(" ", "x"));
        var longKey = Assert.Throws<ArgumentException>(() => context.SetAttribute(new string('k', TrialAttributes.MaxKeyLength + 1), "x"));
        var longValue = Assert.Throws<ArgumentException>(() => context.SetAttribute("blob", new string('v', TrialAttributes.MaxValueLength + 1)));

        Assert.Contains("Trial 4", empty.Message, StringComparison.Ordinal);
        Assert.Contains("non-empty key", empty.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {TrialAttributes.MaxKeyLength}", longKey.Message, StringComparison.Ordinal);
        Assert.Contains("record its path", longValue.Message, StringComparison.Ordinal);
        Assert.Empty(context.Attributes);
    }

    [Fact]
    public void AttributesAreASnapshotInOrdinalOrder()
    {
        var context = new TrialContext("s", 0, 0, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        context.SetAttribute("b", "2");
        context.SetAttribute("B", "1");
        var snapshot = context.Attributes;
        context.SetAttribute("a", "3");

        Assert.Equal(["B", "b"], snapshot.Keys);
        Assert.Equal(["B", "a", "b"], context.Attributes.Keys);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IStudyStorage Storage(string kind, string path, out IDisposable? disposable)
    {
        if (kind == "memory")
        {
            disposable = null;
            return StudyStorage.InMemory();
        }

        var sqlite = StudyStorage.Sqlite(path);
        disposable = sqlite;
        return sqlite;
    }
}
