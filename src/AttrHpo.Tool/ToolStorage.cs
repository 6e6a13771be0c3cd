using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AttrHpo.Tool;

/// <summary>Opens the storage a command names, finds its studies, and turns storage failures into the tool's exit codes.</summary>
internal static class ToolStorage
{
    public const string LocationForms = "a SQLite file path, 'sqlite:PATH', or 'postgresql://USER@HOST/DATABASE'";

    /// <summary>
    /// Opens <paramref name="location"/> through <see cref="StudyStorage.Open"/> with the SQLite and PostgreSQL openers; any other
    /// text is taken as a SQLite file's path. A read-only SQLite file must exist and is opened with
    /// <see cref="SqliteStudyStorageOptions.ReadOnly"/>, so reading never creates, upgrades or writes it; a PostgreSQL database is
    /// read with <see cref="PostgreSqlStudyStorageOptions.ReadOnly"/>, so reading never gives it AttrHpo's tables.
    /// </summary>
    public static IStudyStorage Open(string location, bool readOnly, TimeSpan timeout)
    {
        var trimmed = location.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("memory:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ToolException(ExitCodes.Usage, $"--storage '{location}' holds no studies the tool can read. Give {LocationForms}.");
        }

        IStudyStorage storage;
        try
        {
            storage = StudyStorage.Open(trimmed, SqliteLocations.Opener, PostgreSqlLocations.Opener);
        }
        catch (ArgumentException) when (!trimmed.Contains("://", StringComparison.Ordinal) && !trimmed.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            storage = new SqliteStudyStorage(trimmed); // a SQLite file whose name has another extension
        }
        catch (ArgumentException exception)
        {
            throw new ToolException(ExitCodes.Usage, exception.Message);
        }

        if (storage is PostgreSqlStudyStorage)
        {
            // The same location, waiting --timeout for a server that does not answer instead of the storage's default minute.
            ((IDisposable)storage).Dispose(); // nothing was opened yet: connections open on first use
            // Read-only for the commands that only read: a database without AttrHpo's tables is not given them, and holds no studies.
            return StudyStorage.PostgreSql(trimmed, new PostgreSqlStudyStorageOptions { RetryTimeout = timeout, ReadOnly = readOnly });
        }

        if (storage is not SqliteStudyStorage sqlite)
        {
            return storage;
        }

        var path = sqlite.Path;
        sqlite.Dispose(); // nothing was opened yet: SQLite files open on first use
        if (Directory.Exists(path))
        {
            throw new ToolException(ExitCodes.NotFound, $"--storage '{location}' is a folder, not a SQLite study file. Name the .db file in it.");
        }

        if (readOnly && !File.Exists(path))
        {
            throw new ToolException(
                ExitCodes.NotFound,
                $"The storage file '{path}' does not exist. Check the path given to --storage ({LocationForms}); attrhpo never creates a file it only reads.");
        }

        return new SqliteStudyStorage(path, new SqliteStudyStorageOptions { ReadOnly = readOnly, BusyTimeout = timeout });
    }

    /// <summary>The study <paramref name="name"/> at <paramref name="version"/> (its latest when <see langword="null"/>).</summary>
    public static async Task<StoredStudy> FindStudyAsync(IStudyStorage storage, string name, int? version, CancellationToken cancellationToken)
    {
        var studies = await storage.GetStudiesAsync(cancellationToken).ConfigureAwait(false);
        var versions = studies.Where(s => s.Name == name).OrderBy(s => s.Version).ToList();
        if (versions.Count == 0)
        {
            var similar = studies.Select(s => s.Name).Distinct().FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            var known = studies.Select(s => s.Name).Distinct().ToList();
            throw new ToolException(
                ExitCodes.NotFound,
                $"The storage has no study named '{name}'." +
                (similar is not null ? $" Did you mean '{similar}'?" : string.Empty) +
                (known.Count == 0 ? " It holds no studies yet." : $" Its studies: {string.Join(", ", known.Take(20))}{(known.Count > 20 ? ", ..." : string.Empty)} ('attrhpo studies' lists them)."));
        }

        if (version is not { } asked)
        {
            return versions[^1];
        }

        return versions.FirstOrDefault(v => v.Version == asked)
            ?? throw new ToolException(ExitCodes.NotFound, $"The study '{name}' has no version {asked}; its versions are {string.Join(", ", versions.Select(v => v.Version))}.");
    }

    /// <summary>Every trial of one stored study version, by number.</summary>
    public static async Task<IReadOnlyList<TrialRecord>> GetTrialsAsync(IStudyStorage storage, StoredStudy study, CancellationToken cancellationToken)
    {
        var changes = await storage.GetChangesAsync(study.StorageName, 0, cancellationToken).ConfigureAwait(false);
        return [.. changes.Trials.OrderBy(t => t.Number)];
    }

    /// <summary>Plots of a stored study's trials, titled with its name (and version after the first).</summary>
    public static async Task<StudyPlots> PlotsAsync(IStudyStorage storage, StoredStudy study, PlotOptions? options, CancellationToken cancellationToken)
    {
        var trials = await GetTrialsAsync(storage, study, cancellationToken).ConfigureAwait(false);
        return new StudyPlots(trials, SpaceOf(study), study.Identity.Direction, study.Version == 1 ? study.Name : $"{study.Name} v{study.Version}", options);
    }

    /// <summary>The search space stored with <paramref name="study"/>, or a refusal saying why it has none or cannot be read.</summary>
    public static SearchSpace SpaceOf(StoredStudy study)
    {
        if (study.Space is not { } text)
        {
            throw new ToolException(ExitCodes.Refused, $"The study '{study.Name}' was stored without its search space (an older file), so it cannot be plotted; run it once with this AttrHpo to record the space.");
        }

        try
        {
            return SpaceDefinition.Read(text);
        }
        catch (FormatException exception)
        {
            throw new ToolException(ExitCodes.Refused, $"Study '{study.Name}': {exception.Message}");
        }
    }

    /// <summary>The exit code and message for a failure while a command ran.</summary>
    public static (int ExitCode, string Message) Describe(Exception exception) => exception switch
    {
        ToolException tool => (tool.ExitCode, tool.Message),
        _ when Find<FileNotFoundException>(exception) is not null => (ExitCodes.NotFound, exception.Message),
        _ when IsUnavailable(exception) => (ExitCodes.Unavailable, exception.Message +
            (Find<SqliteException>(exception) is not null
                ? " (attrhpo waits --timeout seconds for a locked file; raise it to wait longer.)"
                : " Check that the server runs and that --storage names it rightly; attrhpo tries again for --timeout seconds.")),
        StudyStorageException => (ExitCodes.Refused, exception.Message),
        _ => (ExitCodes.Refused, $"{exception.GetType().Name}: {exception.Message}"),
    };

    private static bool IsUnavailable(Exception exception) =>
        Find<SqliteException>(exception) is { } sqlite ? (sqlite.SqliteErrorCode & 0xFF) is 5 or 6 // SQLITE_BUSY, SQLITE_LOCKED
        : Find<PostgresException>(exception) is null && (Find<NpgsqlException>(exception) is not null || Find<SocketException>(exception) is not null || Find<TimeoutException>(exception) is not null);

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }
}
