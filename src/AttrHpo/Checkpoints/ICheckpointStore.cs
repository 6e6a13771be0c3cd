namespace AttrHpo;

/// <summary>Where trials' checkpoints are kept: in memory, or in a folder (<see cref="StudyOptions.CheckpointDirectory"/>).</summary>
internal interface ICheckpointStore
{
    ValueTask SaveAsync(string study, TrialCheckpoint checkpoint, CancellationToken cancellationToken);

    ValueTask<TrialCheckpoint?> LoadAsync(string study, int trial, CancellationToken cancellationToken);
}
