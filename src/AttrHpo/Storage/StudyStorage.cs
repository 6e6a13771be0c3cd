namespace AttrHpo;

/// <summary>
/// Creates the storages a study keeps its trials in (<see cref="StudyOptions.Storage"/>): a SQLite file, which keeps them
/// across runs and processes, or memory.
/// </summary>
public static class StudyStorage
{
    /// <summary>The forms <see cref="Open"/> accepts, for error messages.</summary>
    private const string Forms = "'sqlite:PATH', a path ending in .db, .sqlite or .sqlite3, or 'memory:'";

    /// <summary>
    /// A SQLite file at <paramref name="path"/>, created on first use if it does not exist. Many studies share one file,
    /// each by its name; a study run again on the same file continues, and several processes may run it at once.
    /// </summary>
    /// <param name="path">The file; relative paths are taken from the current directory now.</param>
    /// <param name="options">How the file is used; defaults when <see langword="null"/>.</param>
    public static SqliteStudyStorage Sqlite(string path, SqliteStudyStorageOptions? options = null) =>
        new(path, options ?? new SqliteStudyStorageOptions());

    /// <summary>Memory: fast, shared by the studies given this object, gone when the process ends.</summary>
    public static InMemoryStudyStorage InMemory() => new();

    /// <summary>
    /// A storage from a location string (a command-line option, a setting): <c>sqlite:PATH</c>, a bare path ending in
    /// <c>.db</c>, <c>.sqlite</c> or <c>.sqlite3</c> (both SQLite), or <c>memory:</c>.
    /// </summary>
    /// <param name="location">Where the trials are kept.</param>
    /// <exception cref="ArgumentException">The location is none of these forms.</exception>
    public static IStudyStorage Open(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var trimmed = location.Trim();
        if (trimmed.Equals("memory:", StringComparison.OrdinalIgnoreCase))
        {
            return InMemory();
        }

        if (trimmed.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = trimmed["sqlite:".Length..].Trim();
            return path.Length > 0
                ? Sqlite(path)
                : throw new ArgumentException($"The storage location '{location}' names no file after 'sqlite:'. Use {Forms}.", nameof(location));
        }

        if (trimmed.EndsWith(".db", StringComparison.OrdinalIgnoreCase)
            || trimmed.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase)
            || trimmed.EndsWith(".sqlite3", StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(trimmed);
        }

        throw new ArgumentException($"The storage location '{location}' is not one AttrHpo knows. Use {Forms}.", nameof(location));
    }
}
