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
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Wait(parse));
            var rows = new List<Summary>();
            foreach (var study in await opened.GetStudiesAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(Summary.Of(study, await ToolStorage.GetTrialsAsync(opened, study, cancellationToken).ConfigureAwait(false)));
            }

            Write(io.Output, rows, parse.GetRequiredValue(format), opened is PostgreSqlStudyStorage ? "No AttrHpo studies in this database." : "The storage holds no studies.");
        }));
        command.Add(CreateCopy(io, shared));
        command.Add(StudyAdminCommands.CreateDelete(io, shared));
        command.Add(StudyAdminCommands.CreateRename(io, shared));
        return command;
    }

    /// <summary><c>attrhpo studies copy</c>: a study's finished trials into a new study, in the same storage or another.</summary>
    private static Command CreateCopy(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage();
        var study = SharedOptions.Study();
        var version = SharedOptions.Version();
        var to = new Option<string>("--to") { Description = "The new study's name: one the target storage does not have.", Required = true, HelpName = "NAME" };
        var toStorage = new Option<string?>("--to-storage")
        {
            Description = "The storage to copy into (a SQLite file is created when missing); --storage when not given.",
            HelpName = "LOCATION",
        };
        var command = new Command(
            "copy",
            "Copy a study (one version) into a new study, in the same storage or another, as 'export' then 'import' would: its finished " +
            "trials in order, renumbered from 0. Refuses a name the target already has; the source is only read.")
        {
            storage, study, version, to, toStorage,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            var source = parse.GetRequiredValue(storage);
            var target = parse.GetValue(toStorage);
            var sameStorage = target is null || target.Trim() == source.Trim();
            await using var from = ToolStorage.Open(source, readOnly: !sameStorage, shared.Wait(parse));
            var stored = await ToolStorage.FindStudyAsync(from, parse.GetRequiredValue(study), parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var trials = await ToolStorage.GetTrialsAsync(from, stored, cancellationToken).ConfigureAwait(false);
            var identity = stored.Identity with { Name = parse.GetRequiredValue(to) };
            await using var into = sameStorage ? null : ToolStorage.Open(target!, readOnly: false, shared.Wait(parse));
            var (copied, skipped) = await TransferCommands.ImportAsync(into ?? from, identity, trials, cancellationToken).ConfigureAwait(false);
            await io.Output.WriteLineAsync(
                $"Copied {copied} trial(s) of the study '{stored.Name}' (version {stored.Version}) to the study '{identity.Name}'" +
                (skipped > 0 ? $"; left out {skipped} unfinished (running or waiting) trial(s)." : ".")).ConfigureAwait(false);
        }));
        return command;
    }

    private static void Write(TextWriter output, List<Summary> rows, string format, string none)
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
                    output.WriteLine(none);
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
                Count(TrialState.Waiting), Count(TrialState.Cancelled), BestTrial.Of(trials.Where(t => t.Value is { } v && double.IsFinite(v)), study.Identity.Direction)?.Value);
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
