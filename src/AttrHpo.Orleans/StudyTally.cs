namespace AttrHpo;

/// <summary>
/// A coordinator's running account of its study's trials, kept current from storage's changes since the version it has seen,
/// so that a status poll reads only what changed instead of the whole study. A record never goes back to an older version,
/// whatever order two reads' answers arrive in.
/// </summary>
internal sealed class StudyTally
{
    private readonly Dictionary<int, TrialRecord> _trials = [];

    /// <summary>The storage version this tally has seen.</summary>
    public long Version { get; private set; }

    /// <summary>Every trial known, by number.</summary>
    public IReadOnlyCollection<TrialRecord> Trials => _trials.Values;

    /// <summary>Takes in trials read from storage.</summary>
    public void Apply(TrialChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var trial in changes.Trials)
        {
            if (!_trials.TryGetValue(trial.Number, out var known) || known.Version <= trial.Version)
            {
                _trials[trial.Number] = trial;
            }
        }

        Version = Math.Max(Version, changes.Version);
    }

    /// <summary>How many known trials are in <paramref name="state"/>.</summary>
    public int Count(TrialState state) => _trials.Values.Count(t => t.State == state);
}
