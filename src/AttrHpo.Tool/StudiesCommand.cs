using System.CommandLine;
using System.Text.Json;

namespace AttrHpo.Tool;

/// <summary><c>attrhpo studies</c>: every study of a storage, each version apart, with its trial counts and best value.</summary>
internal static class StudiesCommand
{
    public static Command Create(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage();
        var format = SharedOptions.Format("table", "csv", "json");
        var command = new Command("studies", "List the studies of a storage: name, version, direction, trials by state and best value. Reads only.")
        {
            storage, format,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Timeout(parse));
            var rows = new List<Summary>();
            foreach (var study in await opened.GetStudiesAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(Summary.Of(study, await ToolStorage.GetTrialsAsync(opened, study, cancellationToken).ConfigureAwait(false)));
            }

            Write(io.Output, rows, parse.GetRequiredValue(format));
        }));
        return command;
    }

    private static void Write(TextWriter output, List<Summary> rows, string format)
    {
        switch (format)
        {
            case "json":
                output.WriteLine(TrialsCommands.Json(json =>
                {
                    json.WriteStartArray();
                    foreach (var row in rows)
                    {
                        row.WriteJson(json);
                    }

                    json.WriteEndArray();
                }));
                break;
            case "csv":
                TextTable.WriteCsv(output, Summary.CsvHeader, rows.Select(r => r.Cells(TextTable.Exact)));
                break;
            default:
                if (rows.Count == 0)
                {
                    output.WriteLine("The storage holds no studies.");
                    return;
                }

                TextTable.Write(output, Summary.TableHeader, [.. rows.Select(r => r.Cells(TextTable.Short))]);
                break;
        }
    }

    private sealed record Summary(StoredStudy Study, int Trials, int Complete, int Pruned, int Failed, int Running, int Waiting, int Cancelled, double? Best)
    {
        public static IReadOnlyList<string> TableHeader { get; } = ["STUDY", "VERSION", "DIRECTION", "TRIALS", "COMPLETE", "PRUNED", "FAILED", "RUNNING", "WAITING", "CANCELLED", "BEST"];

        public static IReadOnlyList<string> CsvHeader { get; } = ["study", "version", "direction", "trials", "complete", "pruned", "failed", "running", "waiting", "cancelled", "best"];

        public static Summary Of(StoredStudy study, IReadOnlyList<TrialRecord> trials)
        {
            int Count(TrialState state) => trials.Count(t => t.State == state);
            return new(
                study, trials.Count, Count(TrialState.Complete), Count(TrialState.Pruned), Count(TrialState.Failed), Count(TrialState.Running),
                Count(TrialState.Waiting), Count(TrialState.Cancelled), BestTrial.Of(trials, study.Identity.Direction)?.Value);
        }

        public IReadOnlyList<string> Cells(Func<double?, string> number) =>
        [
            Study.Name, Text(Study.Version), Study.Identity.Direction.ToString(), Text(Trials), Text(Complete), Text(Pruned), Text(Failed),
            Text(Running), Text(Waiting), Text(Cancelled), number(Best),
        ];

        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("study", Study.Name);
            json.WriteNumber("version", Study.Version);
            json.WriteString("direction", Study.Identity.Direction.ToString());
            json.WriteString("objective", Study.Identity.ObjectiveId);
            json.WriteNumber("trials", Trials);
            json.WriteStartObject("states");
            json.WriteNumber("complete", Complete);
            json.WriteNumber("pruned", Pruned);
            json.WriteNumber("failed", Failed);
            json.WriteNumber("running", Running);
            json.WriteNumber("waiting", Waiting);
            json.WriteNumber("cancelled", Cancelled);
            json.WriteEndObject();
            if (Best is { } best)
            {
                json.WriteNumber("best", best);
            }
            else
            {
                json.WriteNull("best");
            }

            json.WriteEndObject();
        }

        private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The best trial: the complete trial with the best value in the study's direction, the lowest number among equals.</summary>
internal static class BestTrial
{
    public static TrialRecord? Of(IEnumerable<TrialRecord> trials, Direction direction)
    {
        TrialRecord? best = null;
        foreach (var trial in trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v)).OrderBy(t => t.Number))
        {
            if (best is null || (direction == Direction.Minimize ? trial.Value < best.Value : trial.Value > best.Value))
            {
                best = trial;
            }
        }

        return best;
    }
}
