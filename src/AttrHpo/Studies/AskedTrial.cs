namespace AttrHpo;

/// <summary>A trial handed out by <see cref="Study{TParameters}.AskAsync"/> for the caller to run, then report with <c>TellAsync</c>.</summary>
/// <typeparam name="TParameters">The generated parameters record.</typeparam>
/// <param name="Number">The trial's number in its study; another process may tell its result by this number.</param>
/// <param name="Parameters">The parameters to run.</param>
/// <param name="Context">The trial's context: its seed, and where to report intermediate values.</param>
public sealed record AskedTrial<TParameters>(int Number, TParameters Parameters, TrialContext Context)
    where TParameters : notnull
{
    /// <summary>Which start of the trial this ask was (<see cref="TrialRecord.Starts"/>): a tell of an earlier start is refused.</summary>
    internal int? Attempt { get; init; }
}
