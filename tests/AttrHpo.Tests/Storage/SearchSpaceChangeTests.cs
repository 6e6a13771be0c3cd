using System.Text.Json;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>
/// A study stores its search space: opening it again with another space (the method's parameters edited) is refused before
/// any trial runs, naming each difference, and the stored study is left as it was, readable and resumable with the old space.
/// </summary>
public sealed class SearchSpaceChangeTests : IDisposable
{
    private static readonly Dimension[] Original =
    [
        new RealDimension("lr", 1e-4, 1, log: true),
        new IntegerDimension("units", 16, 128, step: 16),
        new CategoricalDimension("optimizer", ["sgd", "adam"]),
    ];

    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    public static TheoryData<string, string> Changes => new()
    {
        { "range", "'lr' changed from real [0.0001, 1] log to real [0.0001, 10] log" },
        { "scale", "'lr' changed from real [0.0001, 1] log to real [0.0001, 1]" },
        { "step", "'units' changed from integer [16, 128] step 16 to integer [16, 128] step 8" },
        { "choices", "'optimizer' changed from choice {sgd, adam} to choice {sgd, adam, rmsprop}" },
        { "added", "'momentum' was added (real [0, 0.99])" },
        { "removed", "'optimizer' was removed (it was choice {sgd, adam})" },
    };

    private static Dimension[] Changed(string change) => change switch
    {
        "range" => [new RealDimension("lr", 1e-4, 10, log: true), Original[1], Original[2]],
        "scale" => [new RealDimension("lr", 1e-4, 1), Original[1], Original[2]],
        "step" => [Original[0], new IntegerDimension("units", 16, 128, step: 8), Original[2]],
        "choices" => [Original[0], Original[1], new CategoricalDimension("optimizer", ["sgd", "adam", "rmsprop"])],
        "added" => [.. Original, new RealDimension("momentum", 0, 0.99)],
        _ => [Original[0], Original[1]],
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task AChangedSpaceIsRefusedNamingTheDifferenceAndTheStudyIsKept(string change, string difference)
    {
        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            await Study.Create(new PointObjective(Original), new StudyOptions { Storage = storage, Name = "s" }).OptimizeAsync(3);
        }

        await using (var storage = StudyStorage.Sqlite(_file.Path))
        {
            var edited = Study.Create(new PointObjective(Changed(change)), new StudyOptions { Storage = storage, Name = "s" });
            var error = await Assert.ThrowsAsync<StudyStorageException>(() => edited.OptimizeAsync(6));
            Assert.Contains("was recorded with another search space", error.Message);
            Assert.Contains(difference, error.Message);
            Assert.Contains("set StudyOptions.OnSpaceChange = SpaceChange.NewVersion", error.Message);

            // A new version beside it runs; the old study is intact and continues with its own space.
            await Study.Create(new PointObjective(Changed(change)), new StudyOptions { Storage = storage, Name = "s", OnSpaceChange = SpaceChange.NewVersion }).OptimizeAsync(2);
            var old = Study.Create(new PointObjective(Original), new StudyOptions { Storage = storage, Name = "s", Version = 1 });
            Assert.Equal(3, (await old.GetTrialsAsync()).Count);
            Assert.Equal(5, (await old.OptimizeAsync(2)).Count(TrialState.Complete));
        }
    }

    [Fact]
    public async Task InMemoryStorageRefusesTooAndTheSameSpaceInAnotherOrderIsAChange()
    {
        var storage = new InMemoryStudyStorage();
        await Study.Create(new PointObjective(Original), new StudyOptions { Storage = storage, Name = "s" }).OptimizeAsync(2);

        var reordered = Study.Create(new PointObjective([Original[1], Original[0], Original[2]]), new StudyOptions { Storage = storage, Name = "s" });
        var error = await Assert.ThrowsAsync<StudyStorageException>(() => reordered.OptimizeAsync(4));

        Assert.Contains("the parameters' order changed from (lr, units, optimizer) to (units, lr, optimizer)", error.Message);
    }

    /// <summary>An objective over any space whose parameters are the unit-cube point itself.</summary>
    private sealed class PointObjective(Dimension[] dimensions)
        : ObjectiveDefinition<double[]>("Tests.PointObjective", "Point", Direction.Minimize, new SearchSpace(dimensions), budget: null)
    {
        public override double[] Decode(ReadOnlySpan<double> point) => point.ToArray();

        public override void Encode(double[] parameters, Span<double> point) => parameters.CopyTo(point);

        public override void WriteJson(Utf8JsonWriter writer, double[] parameters) => JsonSerializer.Serialize(writer, parameters);

        public override double[] ReadJson(JsonElement json) => [.. json.EnumerateArray().Select(e => e.GetDouble())];

        public override ValueTask<double> InvokeAsync(double[] parameters, TrialContext trial, CancellationToken cancellationToken) =>
            ValueTask.FromResult(parameters.Sum());
    }
}
