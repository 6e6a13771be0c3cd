namespace AttrHpo;

/// <summary>
/// PostgreSQL in the places that create storages: <c>StudyStorage.PostgreSql(connectionString)</c>, location strings
/// (<c>postgresql://...</c>, <c>postgres://...</c>, or an Npgsql connection string starting with <c>Host=</c>);
/// <see cref="PostgreSqlAttrHpoOptions"/> for service containers.
/// </summary>
public static class PostgreSqlLocations
{
    /// <summary>Reads PostgreSQL locations for <see cref="StudyStorage.Open"/>.</summary>
    public static IStudyStorageOpener Opener { get; } = new PostgreSqlOpener();

    extension(StudyStorage)
    {
        /// <summary>
        /// A PostgreSQL database, its tables created on first use. Many studies share one database, each by its name; processes
        /// on any number of machines may run the same study at once through it.
        /// </summary>
        /// <param name="connectionString">An Npgsql connection string (<c>Host=db;Database=studies;Username=hpo</c>) or a <c>postgresql://</c> URI.</param>
        /// <param name="options">How the server is used; defaults when <see langword="null"/>.</param>
        public static PostgreSqlStudyStorage PostgreSql(string connectionString, PostgreSqlStudyStorageOptions? options = null) =>
            new(connectionString, options ?? new PostgreSqlStudyStorageOptions());
    }

    /// <summary>Whether <paramref name="location"/> is one of the forms the opener reads.</summary>
    internal static bool IsLocation(string location) =>
        location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);

    private sealed class PostgreSqlOpener : IStudyStorageOpener
    {
        public string Forms => "'postgresql://USER@HOST/DATABASE' or an Npgsql connection string starting with 'Host='";

        public IStudyStorage? TryOpen(string location) => IsLocation(location) ? new PostgreSqlStudyStorage(location) : null;
    }
}
