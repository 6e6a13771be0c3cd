using AttrHpo;
using BenchmarkDotNet.Attributes;

namespace AttrHpo.Benchmarks;

/// <summary>The study loop's own cost per trial: a no-op objective, the random sampler, four real parameters.</summary>
[MemoryDiagnoser]
public class StudyLoopBenchmarks
{
    /// <summary>Trials per benchmarked study; divide the mean by it for the cost per trial.</summary>
    public const int Trials = 2000;

    private BenchmarkStorage? _storage;
    private int _studies;

    /// <summary>Where the trials are recorded (see <see cref="BenchmarkStorage"/>).</summary>
    [Params("memory", "sqlite", "sqlite-full")]
    public string Storage { get; set; } = "memory";

    /// <summary>One SQLite file for the whole run: each benchmarked study is a new study in it, as many studies share one file.</summary>
    [GlobalSetup]
    public void Setup() => _storage = Storage == "memory" ? null : new BenchmarkStorage(Storage);

    /// <summary>Closes and deletes the file.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    /// <summary>Runs one study of <see cref="Trials"/> trials, one at a time, every finished trial committed before the next starts.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public Task<StudyResult<NoOp.EvaluateParameters>> Study() =>
        NoOp.EvaluateStudy.Create(new StudyOptions
        {
            Storage = _storage?.Storage ?? new InMemoryStudyStorage(),
            Name = $"study-{++_studies}",
        }).OptimizeAsync(Trials);
}
