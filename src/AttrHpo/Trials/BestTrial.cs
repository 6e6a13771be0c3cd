namespace AttrHpo;

/// <summary>
/// Which trial is a study's best: a complete trial with a value, the best value in the study's direction, the earliest
/// (lowest number) among equals. The one rule of <see cref="StudyResult{TParameters}.Best"/>, the console's panels and the
/// tool.
/// </summary>
internal static class BestTrial
{
    /// <summary>Whether <paramref name="candidate"/> is better than <paramref name="best"/> (any complete trial with a value is better than none).</summary>
    public static bool Beats(TrialRecord candidate, TrialRecord? best, Direction direction)
    {
        if (candidate.State != TrialState.Complete || candidate.Value is not { } value)
        {
            return false;
        }

        if (best?.Value is not { } incumbent)
        {
            return true;
        }

        var sign = direction == Direction.Minimize ? 1 : -1;
        return sign * value < sign * incumbent || (value == incumbent && candidate.Number < best.Number);
    }

    /// <summary>The best of <paramref name="trials"/>; <see langword="null"/> when none is complete with a value.</summary>
    public static TrialRecord? Of(IEnumerable<TrialRecord> trials, Direction direction)
    {
        TrialRecord? best = null;
        foreach (var trial in trials)
        {
            if (Beats(trial, best, direction))
            {
                best = trial;
            }
        }

        return best;
    }
}
