using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// The text of <see cref="StudyConsole"/>'s displays: numbers in the invariant culture whatever the current one, one line per
/// trial, no control characters (an error message cannot break a line or slip an escape sequence into a CI log).
/// </summary>
internal static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The line written for a finished trial when the output is not interactive.</summary>
    /// <param name="trial">The finished trial.</param>
    /// <param name="newBest">Whether it is the study's new best trial.</param>
    public static string TrialLine(TrialRecord trial, bool newBest)
    {
        var line = new StringBuilder();
        line.Append(Invariant, $"trial {trial.Number,4}  {State(trial.State),-9}  {Value(trial.Value),12}  {Duration(trial.Duration),9}  {Parameters(trial.ParametersJson)}");
        if (newBest)
        {
            line.Append("  (new best)");
        }

        if (trial.Error is { } error)
        {
            line.Append("  error: ").Append(error);
        }

        return OneLine(line.ToString());
    }

    /// <summary>The line written when an optimisation call is over, however it ended.</summary>
    /// <param name="snapshot">The call's final counts.</param>
    /// <param name="failure">What the call threw, if it did not return.</param>
    public static string SummaryLine(ProgressSnapshot snapshot, Exception? failure)
    {
        var line = new StringBuilder();
        var outcome = snapshot.Status switch
        {
            ProgressStatus.Cancelled => "cancelled after",
            ProgressStatus.Failed => "stopped after",
            _ => "finished",
        };
        line.Append(snapshot.Watching
            ? string.Create(Invariant, $"study {snapshot.StudyName}: stopped watching after {Clock(snapshot.Elapsed)}; {Trials(snapshot.Finished)} finished ({Counts(snapshot)})")
            : string.Create(Invariant, $"study {snapshot.StudyName}: {outcome} {Trials(snapshot.Finished)} in {Clock(snapshot.Elapsed)} ({Counts(snapshot)})"));
        if (snapshot.Earlier > 0)
        {
            line.Append(Invariant, $", {snapshot.Earlier} from earlier runs");
        }

        line.Append(snapshot.Best is { } best
            ? string.Create(Invariant, $"; best {Value(best.Value)} (trial {best.Number}): {Parameters(best.ParametersJson)}")
            : "; no complete trial");
        if (failure is not null && snapshot.Status == ProgressStatus.Failed)
        {
            line.Append(Invariant, $"; {failure.GetType().Name}: {failure.Message}");
        }

        return OneLine(line.ToString());
    }

    /// <summary>The line <c>StudyConsole.WatchAsync</c> starts with: the watched study as it stands.</summary>
    /// <param name="snapshot">The study now.</param>
    /// <param name="finished">How many of its trials have finished.</param>
    public static string WatchLine(ProgressSnapshot snapshot, int finished)
    {
        var objective = snapshot.Metric is { } metric ? $" ({Objective(metric, snapshot.Direction)})" : string.Empty;
        var best = snapshot.Best is { } b
            ? string.Create(Invariant, $"; best {Value(b.Value)} (trial {b.Number}): {Parameters(b.ParametersJson)}")
            : "; no complete trial yet";
        return OneLine(string.Create(Invariant, $"watching study {snapshot.StudyName}{objective}: {Trials(finished)} finished ({Counts(snapshot)}){best}"));
    }

    /// <summary>This call's trial counts: complete, running (while there are any), failed, pruned, cancelled.</summary>
    public static string Counts(ProgressSnapshot snapshot)
    {
        var running = snapshot.Running > 0 ? string.Create(Invariant, $"{snapshot.Running} running, ") : string.Empty;
        return string.Create(
            Invariant,
            $"{snapshot.Complete} complete, {running}{snapshot.Failed} failed, {snapshot.Pruned} pruned, {snapshot.Cancelled} cancelled");
    }

    /// <summary>
    /// What a study waits for: <c>2 trials leased by host-b/1234 until 10:31:05 (their lease ends then if that worker is
    /// gone)</c>. The time is local to <paramref name="time"/>, with the date when it is not today's.
    /// </summary>
    /// <param name="others">One other worker's trials.</param>
    /// <param name="time">The study's clock, for today's date and the local time zone.</param>
    public static string Waiting(LeasedElsewhere others, TimeProvider time)
    {
        var until = TimeZoneInfo.ConvertTime(others.LeaseUntil, time.LocalTimeZone);
        var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), time.LocalTimeZone).Date;
        var when = until.ToString(until.Date == today ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", Invariant);
        var lease = others.Trials == 1 ? "its lease ends" : "their lease ends";
        return OneLine(string.Create(Invariant, $"{Trials(others.Trials)} leased by {others.Worker} until {when} ({lease} then if that worker is gone)"));
    }

    /// <summary>The objective and its direction: <c>Train (validation loss), lower is better</c>.</summary>
    public static string Objective(string metric, Direction direction) =>
        OneLine($"{metric}, {(direction == Direction.Maximize ? "higher" : "lower")} is better");

    /// <summary>A running trial: <c>trial 12: step 30 = 0.0412, for 00:01:02</c>, or <c>no report yet</c> before its first.</summary>
    /// <param name="trial">The trial.</param>
    /// <param name="now">The time now, for how long it has run.</param>
    public static string RunningTrial(RunningTrial trial, DateTimeOffset now)
    {
        var last = trial.LastReport is { } report
            ? string.Create(Invariant, $"step {report.Step} = {Value(report.Value)}")
            : "no report yet";
        return string.Create(Invariant, $"trial {trial.Number}: {last}, for {Clock(now - trial.Started)}");
    }

    /// <summary>A number of trials: <c>1 trial</c>, <c>2 trials</c>.</summary>
    public static string Trials(int count) => string.Create(Invariant, $"{count} {(count == 1 ? "trial" : "trials")}");

    /// <summary>A trial state, lower case.</summary>
    public static string State(TrialState state) => state switch
    {
        TrialState.Waiting => "waiting",
        TrialState.Running => "running",
        TrialState.Complete => "complete",
        TrialState.Pruned => "pruned",
        TrialState.Failed => "failed",
        _ => "cancelled",
    };

    /// <summary>A value to six significant digits, or <c>-</c>.</summary>
    public static string Value(double? value) => value?.ToString("G6", Invariant) ?? "-";

    /// <summary>A trial's duration in seconds, to the millisecond, or <c>-</c>.</summary>
    public static string Duration(TimeSpan? duration) => duration is { } d ? string.Create(Invariant, $"{d.TotalSeconds:0.000} s") : "-";

    /// <summary>A wall time as hours:minutes:seconds (hours past 24 keep counting).</summary>
    public static string Clock(TimeSpan time)
    {
        var t = time < TimeSpan.Zero ? TimeSpan.Zero : time;
        return string.Create(Invariant, $"{(long)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}");
    }

    /// <summary>An estimated time left, or <c>unknown</c>.</summary>
    public static string Remaining(TimeSpan? remaining) => remaining is { } r ? "about " + Clock(r + TimeSpan.FromSeconds(0.5)) : "unknown";

    /// <summary>
    /// A trial's parameters JSON as <c>name=value</c> pairs: numbers to six significant digits (integers whole), strings as they
    /// are (quoted when they hold spaces, quotes or <c>=</c>), anything else as JSON.
    /// </summary>
    public static string Parameters(string json)
    {
        if (json.Length == 0)
        {
            return "(no parameters yet)";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return OneLine(json);
            }

            var text = new StringBuilder();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(property.Name).Append('=').Append(ParameterValue(property.Value));
            }

            return OneLine(text.ToString());
        }
        catch (JsonException)
        {
            return OneLine(json);
        }
    }

    /// <summary>Replaces line breaks (Unicode's line and paragraph separators too) and other control characters, escape included, with spaces.</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(BreaksLine))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (BreaksLine(chars[i]))
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    private static bool BreaksLine(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string ParameterValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var whole):
                return whole.ToString(Invariant);
            case JsonValueKind.Number when value.TryGetDouble(out var real):
                return real.ToString("G6", Invariant);
            case JsonValueKind.String:
                var text = value.GetString() ?? string.Empty;
                return text.Length == 0 || text.Any(c => char.IsWhiteSpace(c) || c is '"' or '=') ? value.GetRawText() : text;
            default:
                return value.GetRawText();
        }
    }
}
