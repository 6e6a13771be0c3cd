using System.Diagnostics;

namespace AttrHpo;

/// <summary>What the workers of one optimisation call share.</summary>
public sealed partial class Study<TParameters>
{
    /// <summary>What the workers of one <see cref="OptimizeAsync(StopCondition, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/> call share.</summary>
    private sealed record WorkerRun(
        StudyView View, string Worker, StopCondition Condition, Stopwatch Clock, IProgress<Trial<TParameters>>? Progress, IStudyObserver? Observer, CancellationTokenSource Stop)
    {
        private int _waiting;

        /// <summary>The other workers this run has said it waits for (each is logged once).</summary>
        public HashSet<string> WaitedFor { get; } = [];

        /// <summary>The trials taken toward this call's own count (<see cref="StopCondition.MoreTrials"/>).</summary>
        public required CallTrials CallTrials { get; init; }

        /// <summary>
        /// Tells the call's observer, when it listens (<see cref="IWaitObserver"/>), which other workers' trials the call waits
        /// for; an empty list says it waits for none, and is passed on only after a list that was not.
        /// </summary>
        public void TellWaiting(IReadOnlyList<LeasedElsewhere> others)
        {
            if (Observer is not IWaitObserver observer)
            {
                return;
            }

            var waiting = others.Count > 0 ? 1 : 0;
            if (Interlocked.Exchange(ref _waiting, waiting) == 1 || waiting == 1)
            {
                observer.WaitingFor(others);
            }
        }
    }
}
