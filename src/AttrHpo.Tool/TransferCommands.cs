using System.CommandLine;
using AttrHpo.Tool.Optuna;

namespace AttrHpo.Tool;

/// <summary>
/// <c>attrhpo export</c> (JSON, CSV or an Optuna SQLite file) and <c>attrhpo import</c> (the JSON or an Optuna study, as a new
/// study of a storage).
/// </summary>
internal static class TransferCommands
{
    public static Command CreateExport(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage();
        var study = SharedOptions.Study();
        var version = SharedOptions.Version();
        var format = SharedOptions.Format("json", "csv", "optuna");
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "The file to write. A JSON or CSV file is replaced when it exists; an Optuna file only with --force.",
            Required = true,
            HelpName = "FILE",
        };
        var force = new Option<bool>("--force") { Description = "With --format optuna: replace the output file when it exists." };
        var command = new Command(
            "export",
            "Write a study's trials to a file: JSON keeps everything stored (the study's objective, direction, space, and each trial's " +
            "parameters, point, value, reports, attributes and timing) for 'attrhpo import'; CSV has a row per trial; optuna writes a SQLite " +
            "file in Optuna's RDB schema (Optuna 3.1) that optuna.load_study reads. Reads the storage only.")
        {
            storage, study, version, format, output, force,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: true, shared.Wait(parse));
            var stored = await ToolStorage.FindStudyAsync(opened, parse.GetRequiredValue(study), parse.GetValue(version), cancellationToken).ConfigureAwait(false);
            var trials = await ToolStorage.GetTrialsAsync(opened, stored, cancellationToken).ConfigureAwait(false);
            var path = parse.GetRequiredValue(output).FullName;
            if (parse.GetRequiredValue(format) == "optuna")
            {
                await OptunaTransfer.ExportAsync(io, stored, trials, path, parse.GetValue(force), cancellationToken).ConfigureAwait(false);
                return;
            }

            string text;
            if (parse.GetRequiredValue(format) == "csv")
            {
                var names = TrialText.ParameterNames(stored, trials);
                using var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
                TextTable.WriteCsv(csv, TrialText.CsvHeader(names), trials.Select(t => TrialText.CsvRow(t, names)));
                text = csv.ToString();
            }
            else
            {
                text = StudyFile.Write(stored, trials) + Environment.NewLine;
            }

            await WriteFileAsync(path, text, cancellationToken).ConfigureAwait(false);
            await io.Output.WriteLineAsync($"Wrote {trials.Count} trial(s) of the study '{stored.Name}' (version {stored.Version}) to {path}").ConfigureAwait(false);
        }));
        return command;
    }

    public static Command CreateImport(ToolOutput io, SharedOptions shared)
    {
        var input = new Argument<FileInfo?>("FILE") { Description = "The file to import (or --from FILE).", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<FileInfo?>("--from") { Description = "The file to import: a study that 'attrhpo export --format json' wrote, or an Optuna SQLite file.", HelpName = "FILE" };
        var format = SharedOptions.Format("json", "optuna");
        var storage = SharedOptions.Storage("Where to add the study: " + ToolStorage.LocationForms + " (a SQLite file is created when missing).");
        var study = new Option<string?>("--study") { Description = "The new study's name; the exported (or Optuna) study's name when not given.", HelpName = "NAME" };
        var fromStudy = new Option<string?>("--from-study")
        {
            Description = "With --format optuna: the Optuna study to read; the one named --study, or the file's only study, when not given.",
            HelpName = "NAME",
        };
        var objective = new Option<string?>("--objective")
        {
            Description = "With --format optuna: the new study's objective id (the one your [Objective] has, to continue the study from C#); " +
                "the id an AttrHpo export recorded, or optuna:NAME, when not given.",
            HelpName = "ID",
        };
        var command = new Command(
            "import",
            "Add an exported study, or a study of an Optuna SQLite file (--format optuna), to a storage as a new study, with its finished " +
            "trials (complete, pruned, failed, cancelled) renumbered from 0 in order. Refuses a name the storage already has; running and waiting trials are left out.")
        {
            input, from, format, storage, study, fromStudy, objective,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(input) is null) == (result.GetValue(from) is null))
            {
                result.AddError("Give the file to import once: as the FILE argument or as --from FILE.");
            }
        });
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            var file = parse.GetValue(input) ?? parse.GetValue(from)!;
            if (!file.Exists)
            {
                throw new ToolException(ExitCodes.NotFound, $"The file '{file.FullName}' does not exist. Give the file that 'attrhpo export' or Optuna wrote.");
            }

            StudyIdentity identity;
            IReadOnlyList<TrialRecord> trials;
            var left = 0;
            string? source = null;
            if (parse.GetRequiredValue(format) == "optuna")
            {
                var read = await OptunaTransfer.ReadAsync(file.FullName, parse.GetValue(fromStudy), parse.GetValue(study), parse.GetValue(objective), cancellationToken).ConfigureAwait(false);
                (identity, trials, left, source) = (read.Study, read.Trials, read.Skipped, read.Source);
            }
            else
            {
                var text = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
                (identity, trials) = StudyFile.Read(text, file.FullName, parse.GetValue(study));
            }

            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: false, shared.Wait(parse));
            var (imported, skipped) = await ImportAsync(opened, identity, trials, cancellationToken).ConfigureAwait(false);
            skipped += left;
            await io.Output.WriteLineAsync(
                $"Imported {imported} trial(s){(source is null ? string.Empty : $" of the Optuna study '{source}'")} as the study '{identity.Name}'" +
                (source is null ? string.Empty : $" (objective {identity.ObjectiveId})") +
                (skipped > 0 ? $"; left out {skipped} unfinished (running or waiting) trial(s)." : ".")).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>Creates the study and adds each finished trial through the storage's own operations, as a worker would record it.</summary>
    internal static async Task<(int Imported, int Skipped)> ImportAsync(
        IStudyStorage storage, StudyIdentity identity, IReadOnlyList<TrialRecord> trials, CancellationToken cancellationToken)
    {
        var existing = await storage.GetStudiesAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Any(s => s.Name == identity.Name || s.StorageName == identity.Name))
        {
            throw new ToolException(
                ExitCodes.Refused,
                $"The storage already has a study named '{identity.Name}', and import never overwrites one. Import under a new name with --study NEWNAME.");
        }

        var stored = await storage.OpenStudyVersionAsync(identity, null, SpaceChange.Refuse, cancellationToken).ConfigureAwait(false);
        var numbers = new Dictionary<int, int>();
        var skipped = 0;
        foreach (var trial in trials.OrderBy(t => t.Number))
        {
            if (!trial.IsFinished)
            {
                skipped++;
                continue;
            }

            var finished = trial.Finished ?? trial.Started ?? DateTimeOffset.UtcNow;
            var started = trial.Started ?? finished;
            var worker = trial.Worker.Length > 0 ? trial.Worker : "attrhpo import";
            var lease = new TrialLease(worker, started, DateTimeOffset.MaxValue);
            var record = await storage.StartTrialAsync(stored.StorageName, lease, int.MaxValue, cancellationToken).ConfigureAwait(false)
                ?? throw new ToolException(ExitCodes.Refused, $"The storage gave no trial to import trial {trial.Number} into.");
            if (trial.HasParameters)
            {
                var assignment = new TrialAssignment(trial.Point, trial.ParametersJson, trial.Seed)
                {
                    Budget = trial.Budget,
                    PromotedFrom = trial.PromotedFrom is { } from && numbers.TryGetValue(from, out var renumbered) ? renumbered : null,
                };
                await storage.SetParametersAsync(stored.StorageName, record.Number, assignment, cancellationToken).ConfigureAwait(false);
            }

            await storage.FinishTrialAsync(
                stored.StorageName,
                record.Number,
                new TrialEnd(trial.State, trial.Value, trial.Error, finished, trial.Reports, trial.Attributes),
                cancellationToken).ConfigureAwait(false);
            numbers[trial.Number] = record.Number;
        }

        return (numbers.Count, skipped);
    }

    private static async Task WriteFileAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException)
        {
            throw new ToolException(ExitCodes.NotFound, $"The folder of '{path}' does not exist; create it or write elsewhere with --out.");
        }
    }
}
