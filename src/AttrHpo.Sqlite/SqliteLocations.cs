namespace AttrHpo;

/// <summary>
/// SQLite in the places that create storages: <c>StudyStorage.Sqlite(path)</c>, location strings (<c>sqlite:PATH</c>, or a
/// path ending in <c>.db</c>, <c>.sqlite</c> or <c>.sqlite3</c>); <see cref="SqliteAttrHpoOptions"/> for service containers.
/// </summary>
public static class SqliteLocations
{
    /// <summary>Reads SQLite locations for <see cref="StudyStorage.Open"/>.</summary>
    public static IStudyStorageOpener Opener { get; } = new SqliteOpener();

    extension(StudyStorage)
    {
        /// <summary>
        /// A SQLite file at <paramref name="path"/>, created on first use if it does not exist. Many studies share one file,
        /// each by its name; a study run again on the same file continues, and several processes may run it at once.
        /// </summary>
        /// <param name="path">The file; relative paths are taken from the current directory now.</param>
        /// <param name="options">How the file is used; defaults when <see langword="null"/>.</param>
        public static SqliteStudyStorage Sqlite(string path, SqliteStudyStorageOptions? options = null) =>
            new(path, options ?? new SqliteStudyStorageOptions());
    }

    private sealed class SqliteOpener : IStudyStorageOpener
    {
        private const string Prefix = "sqlite:";

        public string Forms => "'sqlite:PATH' or a path ending in .db, .sqlite or .sqlite3";

        public IStudyStorage? TryOpen(string location)
        {
            if (location.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                var path = location[Prefix.Length..].Trim();
                return path.Length > 0
                    ? new SqliteStudyStorage(path)
                    : throw new ArgumentException($"The storage location '{location}' names no file after 'sqlite:'. Use {Forms}.", nameof(location));
            }

            return location.EndsWith(".db", StringComparison.OrdinalIgnoreCase)
                || location.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase)
                || location.EndsWith(".sqlite3", StringComparison.OrdinalIgnoreCase)
                ? new SqliteStudyStorage(location)
                : null;
        }
    }
}
