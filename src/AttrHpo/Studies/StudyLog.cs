using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>Everything a study logs, as compiled logging delegates.</summary>
internal static partial class StudyLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Study {Study}: {Trials} trials, {Parallelism} at a time, over {Space}")]
    public static partial void Starting(ILogger logger, string study, int trials, int parallelism, SearchSpace space);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Trial {Number} complete: {Value} with {Parameters}")]
    public static partial void TrialComplete(ILogger logger, int number, double? value, string parameters);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Trial {Number} {State}: {Error} with {Parameters}")]
    public static partial void TrialNotComplete(ILogger logger, int number, TrialState state, string? error, string parameters);
}
