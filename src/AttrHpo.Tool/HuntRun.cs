using System.Globalization;
using AttrHpo.Tool.Hunt;

namespace AttrHpo.Tool;

/// <summary>One run of <c>attrhpo hunt</c>: the check of a stored study against the priors, the trials as they finish, and the summary.</summary>
internal static class HuntRun
{
    /// <summary>
    /// Refuses, before any trial runs, a stored study of the same name that is not a hunt, or was hunted with other priors, fidelity
    /// or direction: its trials' values would be read in another space. Names every difference.
    /// </summary>
    public static async Task CheckStoredAsync(IStudyStorage storage, string name, HuntObjective objective, string location, CancellationToken cancellationToken)
    {
        var stored = (await storage.GetStudiesAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.Name == name).MaxBy(s => s.Version);
        if (stored is null)
        {
            return;
        }

        var id = stored.Identity.ObjectiveId;
        if (!id.StartsWith(HuntObjective.IdPrefix, StringComparison.Ordinal))
        {
            throw new ToolException(
                ExitCodes.Refused,
                $"The study '{name}' in {location} is a study of the objective {id}, not a hunt; hunt under another --study name. Nothing was changed.");
        }

        var differences = new List<string>();
        if (id != objective.Id)
        {
            differences.Add($"the fidelity was {Fidelity(id)} and is now {Fidelity(objective.Id)}");
        }

        if (stored.Identity.Direction != objective.Direction)
        {
            differences.Add($"the direction was {stored.Identity.Direction.ToString().ToLowerInvariant()} and is now {objective.Direction.ToString().ToLowerInvariant()}");
        }

        if (stored.Space is { } was && SpaceDefinition.Of(objective.Space) is var now && was != now)
        {
            differences.AddRange(SpaceDefinition.Differences(was, now));
        }

        if (differences.Count > 0)
        {
            throw new ToolException(
                ExitCodes.Refused,
                $"The study '{name}' in {location} was hunted with other priors or options, and its trials would be read with the new ones: " +
                $"{string.Join("; ", differences)}. Nothing was changed. Give the priors and --direction it was started with to continue it " +
                $"('attrhpo trials -s {location} --study {name}' shows its values), or hunt under a new --study name.");
        }
    }

    public static async Task RunAsync(ToolOutput io, Study<IReadOnlyList<object>> study, HuntCommandLine line, StopCondition stop, int parallelism, string logs, CancellationToken cancellationToken)
    {
        var printer = new Printer(io.Output, line);
        StudyResult<IReadOnlyList<object>> result;
        try
        {
            result = await study.OptimizeAsync(stop, parallelism, printer, cancellationToken).ConfigureAwait(false);
        }
        catch (StudyFailedException exception)
        {
            throw new ToolException(ExitCodes.AllFailed, $"{exception.Message} Each trial's output is under {Path.GetFullPath(logs)}.");
        }

        var best = result.Best;
        await io.Output.WriteLineAsync(
            $"Best: trial {best.Number}, objective {Number(best.Value)} ({Printer.Values(line, best.Parameters, best.Record.Budget)})").ConfigureAwait(false);
        await io.Output.WriteLineAsync(
            $"Study '{study.Name}': {result.Trials.Count} trial(s) in all, {result.Count(TrialState.Complete)} complete, {result.Count(TrialState.Pruned)} pruned, " +
            $"{result.Count(TrialState.Failed)} failed. Each trial's output is under {Path.GetFullPath(logs)}.").ConfigureAwait(false);
    }

    private static string Fidelity(string id) => id.Length > HuntObjective.IdPrefix.Length ? id[(HuntObjective.IdPrefix.Length + 1)..] : "none";

    private static string Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>Writes a line for each trial as it finishes, one at a time whichever thread finished it.</summary>
    private sealed class Printer(TextWriter output, HuntCommandLine line) : IProgress<Trial<IReadOnlyList<object>>>
    {
        private readonly Lock _gate = new();

        public void Report(Trial<IReadOnlyList<object>> value)
        {
            var record = value.Record;
            var what = record.State switch
            {
                TrialState.Complete => $"objective {Number(record.Value)}",
                TrialState.Pruned => record.Reports.Count > 0 ? $"at step {record.Reports[^1].Step.ToString(CultureInfo.InvariantCulture)} ({Number(record.Value)})" : "before any report",
                _ => FirstLine(record.Error),
            };
            var text = $"trial {record.Number} {record.State.ToString().ToLowerInvariant()}: {what} ({Values(line, value.Parameters, record.Budget)}) {TrialText.Duration(record.Duration)}";
            lock (_gate)
            {
                output.WriteLine(text.TrimEnd());
            }
        }

        public static string Values(HuntCommandLine line, IReadOnlyList<object> values, long? budget)
        {
            var parts = line.Dimensions.Select((d, i) => $"{d.Name}={HuntCommandLine.Format(values[i])}").ToList();
            if (line.Fidelity is { } fidelity)
            {
                parts.Add($"{fidelity.Name}={budget ?? fidelity.Fidelity!.Max}");
            }

            return string.Join(", ", parts);
        }

        /// <summary>
        /// The error's first line and, when it has more (the end of the program's standard error), its last, without the exception's
        /// type that the study puts first for a program's failure.
        /// </summary>
        private static string FirstLine(string? error)
        {
            var lines = (error ?? string.Empty).Split('\n');
            var type = typeof(ProgramFailedException).FullName + ": ";
            var first = lines[0].StartsWith(type, StringComparison.Ordinal) ? lines[0][type.Length..] : lines[0];
            return lines.Length > 1 ? $"{first} {lines[^1]}" : first;
        }
    }
}
