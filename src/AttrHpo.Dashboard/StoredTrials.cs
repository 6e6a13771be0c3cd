using System.Collections.Concurrent;

namespace AttrHpo;

/// <summary>
/// The dashboard's copy of each study's trials, brought up to date by reading only what changed since the last read
/// (<see cref="IStudyStorage.GetChangesAsync"/> from the version last seen), so that pages polling every few seconds do not
/// read every trial of every study each time.
/// </summary>
internal sealed class StoredTrials(IStudyStorage storage)
{
    private readonly ConcurrentDictionary<string, Copy> _studies = new(StringComparer.Ordinal);

    /// <summary>The study's trials by number, and the storage version they are as of.</summary>
    public async Task<(IReadOnlyList<TrialRecord> Trials, long Version)> ReadAsync(string storageName, CancellationToken cancellationToken)
    {
        var copy = _studies.GetOrAdd(storageName, _ => new Copy());
        await copy.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = await storage.GetChangesAsync(storageName, copy.Version, cancellationToken).ConfigureAwait(false);
            foreach (var trial in changes.Trials)
            {
                copy.Trials[trial.Number] = trial;
            }

            copy.Version = Math.Max(copy.Version, changes.Version);
            return ([.. copy.Trials.Values], copy.Version);
        }
        finally
        {
            copy.Gate.Release();
        }
    }

    private sealed class Copy
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public SortedDictionary<int, TrialRecord> Trials { get; } = [];

        public long Version { get; set; }
    }
}
