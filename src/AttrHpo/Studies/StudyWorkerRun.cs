using System.Diagnostics;

namespace AttrHpo;

/// <summary>What the workers of one optimisation call share.</summary>
public sealed partial class Study<TParameters>
{
    /// <summary>What the workers of one <see cref="OptimizeAsync(StopCondition, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/> call share.</summary>
    private sealed record WorkerRun(
        StudyView View, string Worker, StopCondition Condition, Stopwatch Clock, IProgress<Trial<TParameters>>? Progress, IStudyObserver? Observer, CancellationTokenSource Stop)
    {
        /// <summary>The other workers this run has said it waits for (each is logged once).</summary>
        public HashSet<string> WaitedFor { get; } = [];

        /// <summary>The trials taken toward this call's own count (<see cref="StopCondition.MoreTrials"/>).</summary>
        public required CallTrials CallTrials { get; init; }
    }
}
