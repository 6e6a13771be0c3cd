namespace AttrHpo;

/// <summary>The outcome of <see cref="Study{TParameters}.OptimizeAsync(StopCondition, int?, IProgress{Trial{TParameters}}?, CancellationToken)"/>: every trial of the study, typed, and the best one.</summary>
/// <typeparam name="TParameters">The generated parameters record.</typeparam>
public sealed class StudyResult<TParameters>
    where TParameters : notnull
{
    internal StudyResult(Direction direction, IReadOnlyList<Trial<TParameters>> trials, TimeSpan elapsed)
    {
        Direction = direction;
        Trials = trials;
        Elapsed = elapsed;
        Best = Select(direction, trials) ?? throw new StudyFailedException("The study has no complete trial, so it has no best one.");
    }

    /// <summary>Whether smaller or larger values were better.</summary>
    public Direction Direction { get; }

    /// <summary>The complete trial with the best value (the earliest among equals).</summary>
    public Trial<TParameters> Best { get; }

    /// <summary>Every trial of the study, ordered by number, in every state.</summary>
    public IReadOnlyList<Trial<TParameters>> Trials { get; }

    /// <summary>The wall-clock time of the call that produced this result.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How many trials ended in <paramref name="state"/>.</summary>
    /// <param name="state">A trial state.</param>
    public int Count(TrialState state) => Trials.Count(t => t.State == state);

    internal static Trial<TParameters>? Select(Direction direction, IEnumerable<Trial<TParameters>> trials)
    {
        Trial<TParameters>? best = null;
        foreach (var trial in trials)
        {
            if (BestTrial.Beats(trial.Record, best?.Record, direction))
            {
                best = trial;
            }
        }

        return best;
    }
}
