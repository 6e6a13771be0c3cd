namespace AttrHpo;

/// <summary>
/// Receives a trial's reports and attributes as they happen, in order (called under the context's lock): how a worker process
/// forwards them to the study that runs the trial.
/// </summary>
internal interface ITrialContextSink
{
    /// <summary>A value was reported; returns whether the study's early-stopping rule says the trial should stop.</summary>
    bool Reported(long step, double value);

    /// <summary>An attribute was set (already validated).</summary>
    void AttributeSet(string key, string value);
}
