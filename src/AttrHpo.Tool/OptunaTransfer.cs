using AttrHpo.Tool.Optuna;

namespace AttrHpo.Tool;

/// <summary>The Optuna format of <c>attrhpo export</c> and <c>attrhpo import</c>: the mapping's refusals as the tool's exit codes.</summary>
internal static class OptunaTransfer
{
    /// <summary>Writes <paramref name="study"/> as an Optuna SQLite file, refusing an existing file unless <paramref name="force"/>.</summary>
    public static async Task ExportAsync(ToolOutput io, StoredStudy study, IReadOnlyList<TrialRecord> trials, string path, bool force, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && !force)
        {
            throw new ToolException(ExitCodes.Refused, $"The file '{path}' exists, and an Optuna export never replaces a file unless told to. Give another --out, or add --force to replace it.");
        }

        if (Directory.Exists(path))
        {
            throw new ToolException(ExitCodes.Refused, $"'{path}' is a folder; give --out a file name.");
        }

        if (Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            throw new ToolException(ExitCodes.NotFound, $"The folder of '{path}' does not exist; create it or write elsewhere with --out.");
        }

        var space = ToolStorage.SpaceOf(study);
        IReadOnlyList<string> notes;
        try
        {
            notes = await OptunaExport.WriteAsync(path, force, study, space, trials, cancellationToken).ConfigureAwait(false);
        }
        catch (OptunaException exception)
        {
            throw new ToolException(ExitCodes.Refused, exception.Message);
        }

        foreach (var note in notes)
        {
            await io.Output.WriteLineAsync("Note: " + note).ConfigureAwait(false);
        }

        await io.Output.WriteLineAsync(
            $"Wrote {trials.Count} trial(s) of the study '{study.Name}' (version {study.Version}) to {path} as the Optuna study '{study.Name}' " +
            $"(optuna.load_study(study_name=\"{study.Name}\", storage=\"sqlite:///{path}\")).").ConfigureAwait(false);
    }

    /// <summary>Reads a study of an Optuna file; a file or study that cannot be mapped is refused with exit code 4.</summary>
    public static async Task<OptunaStudy> ReadAsync(string path, string? source, string? name, string? objective, CancellationToken cancellationToken)
    {
        try
        {
            return await OptunaImport.ReadAsync(path, source, name, name, objective, cancellationToken).ConfigureAwait(false);
        }
        catch (OptunaException exception)
        {
            throw new ToolException(ExitCodes.Refused, exception.Message);
        }
    }
}
