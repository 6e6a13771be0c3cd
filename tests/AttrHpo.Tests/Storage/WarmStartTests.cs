using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// The warm start of a new version, in a real SQLite file: its sampler sees the earlier version's complete trials whose values
/// lie in the new space, encoded in it, before its own; they are not its trials, its budget or its best.
/// </summary>
public sealed class WarmStartTests : IDisposable
{
    // The earlier version's trials, enqueued so that their values are known.
    private static readonly IReadOnlyDictionary<string, object>[] Recorded =
    [
        SpaceObjective.Values(("lr", 0.001), ("units", 32L), ("optimizer", "sgd")),
        SpaceObjective.Values(("lr", 0.5), ("units", 64L), ("optimizer", "adam")),
        SpaceObjective.Values(("lr", 0.01), ("units", 48L), ("optimizer", "adam")),
    ];

    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    public static TheoryData<string, int[]> InSpace => new()
    {
        { "range", [0, 2] }, // lr at most 0.1
        { "scale", [0, 1, 2] },
        { "step", [2] }, // units 16, 48, 80, 112
        { "choices", [0, 1, 2] },
        { "added", [] }, // no value for momentum
        { "removed", [] }, // no value the optimizer is fixed at
    };

    [Theory]
    [MemberData(nameof(InSpace))]
    public async Task TheSamplerFirstSeesTheEarlierTrialsWhoseValuesLieInTheNewSpaceEncodedInIt(string change, int[] used)
    {
        await RecordAsync();
        var objective = new SpaceObjective(StudyVersionTests.Changed(change));

        var (first, study, result) = await RunNewVersionAsync(objective, new StudyOptions());

        Assert.Equal(used.Select(i => Observed(objective, Recorded[i], new SpaceObjective(StudyVersionTests.Original).ValueOf(Recorded[i]))), first.Select(Text));
        Assert.Equal(first.Select(Text), study.WarmStartObservations.Select(Text));

        // History for the sampler only: not the new version's trials, budget or best.
        Assert.Equal([0, 1, 2], result.Trials.Select(t => t.Number));
        Assert.Contains(result.Best, result.Trials);
    }

    [Fact]
    public async Task WithoutWarmStartTheSamplerSeesNothingOfTheEarlierVersion()
    {
        await RecordAsync();

        var (first, study, _) = await RunNewVersionAsync(new SpaceObjective(StudyVersionTests.Changed("scale")), new StudyOptions { WarmStart = false });

        Assert.Empty(first);
        Assert.Equal(2, study.Version);
    }

    [Fact]
    public async Task TheBestIsTheNewVersionsOwnEvenWhenAnEarlierTrialWasBetter()
    {
        await RecordAsync();

        var (first, _, result) = await RunNewVersionAsync(new SpaceObjective(StudyVersionTests.Changed("scale")), new StudyOptions());

        Assert.True(first.Min(o => o.Loss) < result.Best.Value, $"an earlier trial ({first.Min(o => o.Loss)}) should beat the new ones ({result.Best.Value})");
        Assert.Equal(result.Trials.Where(t => t.State == TrialState.Complete).Min(t => t.Value), result.Best.Value);
    }

    [Fact]
    public async Task AnAddedParameterTakesTheMethodsDefaultOrTheGivenValue()
    {
        await RecordAsync();
        var added = StudyVersionTests.Changed("added");
        var withDefault = new SpaceObjective(added, new Dictionary<string, object> { ["momentum"] = 0.9 });
        var original = new SpaceObjective(StudyVersionTests.Original);

        var (byDefault, _, _) = await RunNewVersionAsync(withDefault, new StudyOptions());
        Assert.Equal(Recorded.Select(r => Observed(withDefault, With(r, ("momentum", 0.9)), original.ValueOf(r))), byDefault.Select(Text));

        // A given value wins over the default (a study object of its own: the version exists now, and is continued).
        await using var storage = StudyStorage.Sqlite(_file.Path);
        var study = Study.Create(withDefault, new StudyOptions
        {
            Storage = storage,
            Name = "s",
            OnSpaceChange = SpaceChange.NewVersion,
            WarmStartValues = new Dictionary<string, object> { ["momentum"] = 0.5 },
        });
        Assert.Equal(2, (await study.OpenAsync()).Version);
        Assert.Equal(Recorded.Select(r => Observed(withDefault, With(r, ("momentum", 0.5)), original.ValueOf(r))), study.WarmStartObservations.Select(Text));
    }

    [Fact]
    public async Task ARemovedParameterUsesOnlyTheTrialsWithTheValueItIsNowFixedAt()
    {
        await RecordAsync();
        var removed = new SpaceObjective(StudyVersionTests.Changed("removed"));
        var original = new SpaceObjective(StudyVersionTests.Original);

        var (first, _, _) = await RunNewVersionAsync(removed, new StudyOptions { WarmStartValues = new Dictionary<string, object> { ["optimizer"] = "adam" } });

        int[] adam = [1, 2];
        Assert.Equal(adam.Select(i => Observed(removed, Without(Recorded[i], "optimizer"), original.ValueOf(Recorded[i]))), first.Select(Text));
    }

    [Fact]
    public async Task AWarmStartValueOfNoParameterIsRefusedNamingIt()
    {
        await RecordAsync();
        await using var storage = StudyStorage.Sqlite(_file.Path);
        var study = Study.Create(new SpaceObjective(StudyVersionTests.Changed("added")), new StudyOptions
        {
            Storage = storage,
            Name = "s",
            OnSpaceChange = SpaceChange.NewVersion,
            WarmStartValues = new Dictionary<string, object> { ["momentun"] = 0.5 },
        });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => study.OptimizeAsync(1));

        Assert.Contains("StudyOptions.WarmStartValues names 'momentun', a parameter of no version", error.Message);
        Assert.Contains("momentum", error.Message);
    }

    [Fact]
    public async Task AGaussianProcessKeepsItsInitialDesignWhileTheEarlierTrialsAreFewer()
    {
        // The same version 1 (3 complete trials) in two files; version 2 runs with and without the warm start, with an initial
        // design of 5: 3 earlier trials are not enough, so both versions' trial 0 is the Sobol design's first point.
        using var coldFile = new TempStudyFile();
        await RecordAsync(_file.Path);
        await RecordAsync(coldFile.Path);

        var warm = await RunWithGpAsync(_file.Path, warmStart: true, initialDesign: 5);
        var cold = await RunWithGpAsync(coldFile.Path, warmStart: false, initialDesign: 5);

        Assert.Equal(warm[0], cold[0]);
    }

    [Fact]
    public async Task AGaussianProcessSkipsItsInitialDesignWhenTheEarlierTrialsAreEnough()
    {
        // An initial design of 3, and 3 earlier trials in the new space: the warm-started version models from its first trial.
        using var coldFile = new TempStudyFile();
        await RecordAsync(_file.Path);
        await RecordAsync(coldFile.Path);

        var warm = await RunWithGpAsync(_file.Path, warmStart: true, initialDesign: 3);
        var cold = await RunWithGpAsync(coldFile.Path, warmStart: false, initialDesign: 3);

        Assert.NotEqual(cold[0], warm[0]); // without the warm start, trial 0 is the Sobol design's first point
    }

    [Fact]
    public async Task TheLogSaysHowManyEarlierTrialsWereUsedAndWhyTheOthersWereNot()
    {
        await RecordAsync();
        var logger = new ListLogger();
        await using var storage = StudyStorage.Sqlite(_file.Path);
        var study = Study.Create(new SpaceObjective(StudyVersionTests.Changed("range")), new StudyOptions
        {
            Storage = storage,
            Name = "s",
            OnSpaceChange = SpaceChange.NewVersion,
            LoggerFactory = new OneLoggerFactory(logger),
        });

        await study.OpenAsync();

        Assert.Contains(
            "Study s version 2: warm start from 2 of the 3 complete trials of version 1 (1: a value lies outside the new space)",
            logger.Entries.Select(e => e.Message));
    }

    private static string Observed(SpaceObjective objective, IReadOnlyDictionary<string, object> values, double loss)
    {
        var point = new double[objective.Space.Count];
        objective.Encode(values, point);
        return Text(new Observation(point, loss));
    }

    private static string Text(Observation observation) =>
        $"{string.Join(",", observation.Point.Select(p => p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} -> {observation.Loss:R}";

    private static IReadOnlyDictionary<string, object> With(IReadOnlyDictionary<string, object> values, (string Name, object Value) added) =>
        new Dictionary<string, object>(values) { [added.Name] = added.Value };

    private static IReadOnlyDictionary<string, object> Without(IReadOnlyDictionary<string, object> values, string name) =>
        values.Where(v => v.Key != name).ToDictionary(v => v.Key, v => v.Value);

    /// <summary>Runs two trials of version 2 (the "scale" change) with a GP, one at a time, and returns their parameters' JSON.</summary>
    private static async Task<IReadOnlyList<string>> RunWithGpAsync(string path, bool warmStart, int initialDesign = 1)
    {
        await using var storage = StudyStorage.Sqlite(path);
        using var gp = new GpSampler(new GpSamplerOptions { InitialDesignSize = initialDesign });
        var study = Study.Create(new SpaceObjective(StudyVersionTests.Changed("scale")), new StudyOptions
        {
            Storage = storage,
            Name = "s",
            Seed = 5,
            Sampler = gp,
            OnSpaceChange = SpaceChange.NewVersion,
            WarmStart = warmStart,
        });
        var result = await study.OptimizeAsync(2, parallelism: 1);
        return [.. result.Trials.Select(t => t.Record.ParametersJson)];
    }

    /// <summary>Records version 1 of study "s": the <see cref="Recorded"/> trials.</summary>
    private Task RecordAsync() => RecordAsync(_file.Path);

    private static async Task RecordAsync(string path)
    {
        await using var storage = StudyStorage.Sqlite(path);
        var study = Study.Create(new SpaceObjective(StudyVersionTests.Original), new StudyOptions { Storage = storage, Name = "s" });
        foreach (var values in Recorded)
        {
            await study.EnqueueAsync(values);
        }

        await study.OptimizeAsync(Recorded.Length);
    }

    /// <summary>Runs three trials of the new version with a sampler that records what it is shown first.</summary>
    private async Task<(IReadOnlyList<Observation> First, Study<IReadOnlyDictionary<string, object>> Study, StudyResult<IReadOnlyDictionary<string, object>> Result)> RunNewVersionAsync(
        SpaceObjective objective, StudyOptions options)
    {
        await using var storage = StudyStorage.Sqlite(_file.Path);
        var sampler = new FirstContextSampler();
        var study = Study.Create(objective, options with { Storage = storage, Name = "s", OnSpaceChange = SpaceChange.NewVersion, Sampler = sampler });
        var result = await study.OptimizeAsync(3);
        return (sampler.First ?? throw new InvalidOperationException("the sampler was never asked"), study, result);
    }

    /// <summary>Hands out one logger for every category.</summary>
    private sealed class OneLoggerFactory(ListLogger logger) : Microsoft.Extensions.Logging.ILoggerFactory
    {
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Keeps the history of its first suggestion; suggests the centre of the space.</summary>
    private sealed class FirstContextSampler : ISampler
    {
        public IReadOnlyList<Observation>? First { get; private set; }

        public double[] Suggest(SamplingContext context)
        {
            First ??= [.. context.Completed];
            return [.. Enumerable.Repeat(0.5, context.Space.Count)];
        }
    }
}
