using System.Collections.Concurrent;

namespace AttrHpo;

/// <summary>Checkpoints kept by one study object: gone when the process ends (set <see cref="StudyOptions.CheckpointDirectory"/> to keep them).</summary>
internal sealed class MemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<(string Study, int Trial), TrialCheckpoint> _checkpoints = new();

    public ValueTask SaveAsync(string study, TrialCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _checkpoints[(study, checkpoint.Trial)] = checkpoint with { State = checkpoint.State.ToArray() };
        return ValueTask.CompletedTask;
    }

    public ValueTask<TrialCheckpoint?> LoadAsync(string study, int trial, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_checkpoints.TryGetValue((study, trial), out var checkpoint) ? checkpoint : null);
    }
}
