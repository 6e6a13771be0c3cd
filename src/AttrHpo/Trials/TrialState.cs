namespace AttrHpo;

/// <summary>Where a trial is in its life.</summary>
public enum TrialState
{
    /// <summary>Created and waiting for a worker.</summary>
    Waiting,

    /// <summary>Running on a worker.</summary>
    Running,

    /// <summary>Finished with a finite value.</summary>
    Complete,

    /// <summary>Stopped early by a scheduler.</summary>
    Pruned,

    /// <summary>The objective threw, returned NaN or infinity, or timed out.</summary>
    Failed,

    /// <summary>Cancelled before it finished (the objective honoured cancellation, or the study was stopped).</summary>
    Cancelled,
}
