using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>Everything a study logs, as compiled logging delegates.</summary>
internal static partial class StudyLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Study {Study}: until {Stop}, {Parallelism} at a time, over {Space}")]
    public static partial void Starting(ILogger logger, string study, StopCondition stop, int parallelism, SearchSpace space);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Trial {Number} complete: {Value} with {Parameters}")]
    public static partial void TrialComplete(ILogger logger, int number, double? value, string parameters);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Trial {Number} {State}: {Error} with {Parameters}")]
    public static partial void TrialNotComplete(ILogger logger, int number, TrialState state, string? error, string parameters);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Trial {Number} finished, but its result could not be recorded and was discarded: {Reason}")]
    public static partial void ResultDiscarded(ILogger logger, int number, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Renewing leases failed; will try again at the next beat: {Reason}")]
    public static partial void HeartbeatFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Study {Study} finished in {Elapsed}: {Trials} trials, best {Value} (trial {Number}) with {Parameters}")]
    public static partial void Finished(ILogger logger, string study, TimeSpan elapsed, int trials, double? value, int number, string parameters);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Study {Study}: its budget is used up; waiting for the trials of worker {Worker} (another process or machine) to finish, or for their leases to run out at {LeaseUntil:O}")]
    public static partial void WaitingForWorker(ILogger logger, string study, string worker, DateTimeOffset leaseUntil);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Study {Study}: worker {Worker} ran in a process of this machine that has exited; its running trials run again now")]
    public static partial void DeadWorkerReclaimed(ILogger logger, string study, string worker);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Trial {Number}: its reports could not be written while it ran (they are recorded with its end, if that is): {Reason}")]
    public static partial void ReportsNotWritten(ILogger logger, int number, string reason);
}
