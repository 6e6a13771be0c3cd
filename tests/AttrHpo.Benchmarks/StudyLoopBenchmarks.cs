using AttrHpo;
using BenchmarkDotNet.Attributes;

namespace AttrHpo.Benchmarks;

/// <summary>The study loop's own cost per trial: a no-op objective, the random sampler, four real parameters.</summary>
[MemoryDiagnoser]
public class StudyLoopBenchmarks
{
    /// <summary>Trials per benchmarked study; divide the mean by it for the cost per trial.</summary>
    public const int Trials = 2000;

    /// <summary>Where the trials are recorded.</summary>
    [Params("memory")]
    public string Storage { get; set; } = "memory";

    /// <summary>Runs one study of <see cref="Trials"/> trials, one at a time.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public Task<StudyResult<NoOp.EvaluateParameters>> Study() =>
        NoOp.EvaluateStudy.Create(new StudyOptions { Storage = LoopRunner.CreateStorage(Storage) }).OptimizeAsync(Trials);
}
