using System.CommandLine;

namespace AttrHpo.Tool;

/// <summary>
/// <c>attrhpo studies delete</c> and <c>attrhpo studies rename</c>: whole studies, every version, through the storage's
/// <see cref="IStudyAdministration"/>. Delete asks for <c>--yes</c> (there is no prompt, so scripts and people run it alike);
/// both refuse a study a worker runs unless <c>--force</c>.
/// </summary>
internal static class StudyAdminCommands
{
    public static Command CreateDelete(ToolOutput io, SharedOptions shared)
    {
        var name = new Argument<string>("NAME") { Description = "The study to delete (every version of it)." };
        var storage = SharedOptions.Storage();
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete it: without --yes the command only says what it would delete, and exits with 1." };
        var force = Force("delete");
        var command = new Command(
            "delete",
            "Delete a study, every version of it, with all its trials and reports. Needs --yes; refuses a study a worker runs (a trial running " +
            "under a lease that has not ended) unless --force. Cannot be undone: export it first to keep a copy.")
        {
            name, storage, yes, force,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            var study = parse.GetRequiredValue(name);
            var (versions, trials) = await CountAsync(parse.GetRequiredValue(storage), study, shared.Wait(parse), cancellationToken).ConfigureAwait(false);
            var what = $"the study '{study}' ({versions} version(s), {trials} trial(s))";
            if (!parse.GetValue(yes))
            {
                throw new ToolException(ExitCodes.Usage, $"This would delete {what}, which cannot be undone. Add --yes to delete it.");
            }

            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: false, shared.Wait(parse));
            await RunAsync(study, "deleted", "deletes", () => Administration(opened).DeleteStudyAsync(study, DateTimeOffset.UtcNow, parse.GetValue(force), cancellationToken)).ConfigureAwait(false);
            await io.Output.WriteLineAsync($"Deleted {what}.").ConfigureAwait(false);
        }));
        return command;
    }

    public static Command CreateRename(ToolOutput io, SharedOptions shared)
    {
        var old = new Argument<string>("OLD") { Description = "The study's name." };
        var renamed = new Argument<string>("NEW") { Description = "Its new name: one the storage has not got." };
        var storage = SharedOptions.Storage();
        var force = Force("rename");
        var command = new Command(
            "rename",
            "Rename a study, every version of it (version N is kept under 'NEW (version N)'), with its trials. Refuses a name the storage has, " +
            "and a study a worker runs (a trial running under a lease that has not ended) unless --force. A program then continues it with StudyOptions.Name = NEW.")
        {
            old, renamed, storage, force,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            var study = parse.GetRequiredValue(old);
            var name = parse.GetRequiredValue(renamed);
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ToolException(ExitCodes.Usage, "The new name is empty; give the study a name.");
            }

            var (versions, trials) = await CountAsync(parse.GetRequiredValue(storage), study, shared.Wait(parse), cancellationToken).ConfigureAwait(false);
            await using var opened = ToolStorage.Open(parse.GetRequiredValue(storage), readOnly: false, shared.Wait(parse));
            await RunAsync(study, "renamed", "renames", () => Administration(opened).RenameStudyAsync(study, name, DateTimeOffset.UtcNow, parse.GetValue(force), cancellationToken)).ConfigureAwait(false);
            await io.Output.WriteLineAsync($"Renamed the study '{study}' ({versions} version(s), {trials} trial(s)) to '{name}'.").ConfigureAwait(false);
        }));
        return command;
    }

    private static Option<bool> Force(string verb) => new("--force")
    {
        Description = $"{char.ToUpperInvariant(verb[0])}{verb[1..]} the study even while a worker runs one of its trials; the workers then fail at their next write.",
    };

    /// <summary>
    /// The study's versions and trials in all, read through a read-only storage, so that a missing SQLite file is not created nor a
    /// PostgreSQL database given AttrHpo's tables; not found (exit code 2, naming the storage's studies) when it has no such study.
    /// </summary>
    private static async Task<(int Versions, int Trials)> CountAsync(string location, string study, TimeSpan wait, CancellationToken cancellationToken)
    {
        await using var storage = ToolStorage.Open(location, readOnly: true, wait);
        await ToolStorage.FindStudyAsync(storage, study, null, cancellationToken).ConfigureAwait(false);
        var versions = (await storage.GetStudiesAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.Name == study).ToList();
        var trials = 0;
        foreach (var version in versions)
        {
            trials += (await ToolStorage.GetTrialsAsync(storage, version, cancellationToken).ConfigureAwait(false)).Count;
        }

        return (versions.Count, trials);
    }

    private static async Task RunAsync(string study, string done, string does, Func<ValueTask<bool>> operation)
    {
        bool found;
        try
        {
            found = await operation().ConfigureAwait(false);
        }
        catch (StudyInUseException exception)
        {
            throw new ToolException(
                ExitCodes.Refused,
                $"The study '{study}' is not {done}: a worker runs it ({exception.RunningTrials.Count} trial(s) running under a lease that has not ended, " +
                $"number {string.Join(", ", exception.RunningTrials)}). Nothing was changed. Stop its workers or wait until their leases end; " +
                $"--force {does} it anyway, and its workers fail at their next write.");
        }

        if (!found)
        {
            throw new ToolException(ExitCodes.NotFound, $"The storage has no study named '{study}' any more (another process removed or renamed it).");
        }
    }

    private static IStudyAdministration Administration(IStudyStorage storage) => storage as IStudyAdministration
        ?? throw new ToolException(ExitCodes.Refused, $"{storage.GetType().Name} cannot delete or rename studies.");
}
