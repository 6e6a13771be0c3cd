using System.CommandLine;
using System.Text.Json;

namespace AttrHpo.Tool;

/// <summary><c>attrhpo trials</c> (filter, sort, limit) and <c>attrhpo best</c>, as a table, CSV or JSON.</summary>
internal static class TrialsCommands
{
    private static readonly string[] States = ["complete", "pruned", "failed", "running", "waiting", "cancelled"];

    public static Command CreateTrials(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage();
        var study = SharedOptions.Study();
        var version = SharedOptions.Version();
        var format = SharedOptions.Format("table", "csv", "json");
        var state = new Option<string?>("--state") { Description = $"Only trials in this state: {string.Join(", ", States)}.", HelpName = "STATE" };
        state.AcceptOnlyFromAmong(States);
        var sort = new Option<string>("--sort") { Description = "Order: number, or value (best first in the study's direction; trials without a value last).", DefaultValueFactory = _ => "number" };
        sort.AcceptOnlyFromAmong("number", "value");
        var limit = new Option<int?>("--limit", "-n") { Description = "At most this many trials, after filtering and sorting.", HelpName = "N" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--limit must be 1 or more.");
            }
        });
        var command = new Command("trials", "List a study's trials: number, state, value, parameters and duration. Reads only.")
        {
            storage, study, version, state, sort, limit, format,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Wait(parse));
            var stored = await ToolStorage.FindStudyAsync(opened, parse.GetRequiredValue(study), parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var all = await ToolStorage.GetTrialsAsync(opened, stored, cancellationToken).ConfigureAwait(false);
            IEnumerable<TrialRecord> trials = all;
            if (parse.GetValue(state) is { } wanted)
            {
                trials = trials.Where(t => t.State.ToString().Equals(wanted, StringComparison.OrdinalIgnoreCase));
            }

            if (parse.GetRequiredValue(sort) == "value")
            {
                trials = ByValue(trials, stored.Identity.Direction);
            }

            if (parse.GetValue(limit) is { } most)
            {
                trials = trials.Take(most);
            }

            Write(io.Output, stored, all, [.. trials], parse.GetRequiredValue(format));
        }));
        return command;
    }

    public static Command CreateBest(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage();
        var study = SharedOptions.Study();
        var version = SharedOptions.Version();
        var format = SharedOptions.Format("table", "csv", "json");
        var command = new Command("best", "Show a study's best complete trial: its value, parameters and timing. Reads only; exit code 2 when no trial is complete.")
        {
            storage, study, version, format,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Wait(parse));
            var stored = await ToolStorage.FindStudyAsync(opened, parse.GetRequiredValue(study), parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var all = await ToolStorage.GetTrialsAsync(opened, stored, cancellationToken).ConfigureAwait(false);
            var best = BestTrial.Of(all.Where(t => t.Value is { } v && double.IsFinite(v)), stored.Identity.Direction) ?? throw new ToolException(
                ExitCodes.NotFound,
                $"The study '{stored.Name}' (version {stored.Version}) has no complete trial yet ({all.Count} trial(s) in all); run it, then ask again.");
            var format2 = parse.GetRequiredValue(format);
            if (format2 == "table")
            {
                var names = TrialText.ParameterNames(stored, all);
                var header = TrialText.CsvHeader(names);
                var cells = TrialText.CsvRow(best, names);
                var rows = new List<IReadOnlyList<string>> { new[] { "study", stored.Name }, new[] { "version", stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, new[] { "direction", stored.Identity.Direction.ToString() } };
                rows.AddRange(header.Select((h, i) => (IReadOnlyList<string>)[h, cells[i]]).Where(r => r[1].Length > 0));
                TextTable.Write(io.Output, ["FIELD", "VALUE"], rows);
            }
            else
            {
                Write(io.Output, stored, all, [best], format2, single: true);
            }
        }));
        return command;
    }

    public static IEnumerable<TrialRecord> ByValue(IEnumerable<TrialRecord> trials, Direction direction)
    {
        var withValue = trials.Where(t => t.Value is { } v && !double.IsNaN(v));
        return (direction == Direction.Minimize ? withValue.OrderBy(t => t.Value) : withValue.OrderByDescending(t => t.Value))
            .ThenBy(t => t.Number)
            .Concat(trials.Where(t => t.Value is not { } v || double.IsNaN(v)));
    }

    private static void Write(TextWriter output, StoredStudy study, IReadOnlyList<TrialRecord> all, IReadOnlyList<TrialRecord> trials, string format, bool single = false)
    {
        var names = TrialText.ParameterNames(study, all);
        switch (format)
        {
            case "json":
                output.WriteLine(Json(json =>
                {
                    if (!single)
                    {
                        json.WriteStartArray();
                    }

                    foreach (var trial in trials)
                    {
                        TrialText.WriteJson(json, trial);
                    }

                    if (!single)
                    {
                        json.WriteEndArray();
                    }
                }));
                break;
            case "csv":
                TextTable.WriteCsv(output, TrialText.CsvHeader(names), trials.Select(t => TrialText.CsvRow(t, names)));
                break;
            default:
                if (trials.Count == 0)
                {
                    output.WriteLine($"No trials of the study '{study.Name}' match ({all.Count} trial(s) in all).");
                    return;
                }

                TextTable.Write(output, TrialText.TableHeader(names), [.. trials.Select(t => TrialText.TableRow(t, names))]);
                break;
        }
    }

    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
