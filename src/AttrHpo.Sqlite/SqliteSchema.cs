using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace AttrHpo;

/// <summary>
/// The layout of a study file, and the checks made before a file is used: it is new or empty (the schema is created), or
/// it is an AttrHpo study file whose schema this version reads. Anything else is refused before anything is written.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The schema this version writes and reads; files of older schemas are upgraded when opened.</summary>
    public const int Version = 3;

    /// <summary>The table that marks a file as AttrHpo's and holds its schema version.</summary>
    public const string VersionTable = "attrhpo_schema";

    /// <summary>
    /// Version 1. Numbers of a study are dense (0, 1, 2, ...): a trial is never deleted. Every change bumps its study's
    /// <c>version</c> and stamps the changed trials with it, so that readers fetch only what changed. Reports are written
    /// once, with the finished trial. Times are ISO 8601 UTC text; lease ends are Unix milliseconds. User attributes are a JSON object of strings, NULL when none. A trial is promoted once (a unique index on promoted_from).
    /// </summary>
    private const string CreateV1 = """
        CREATE TABLE attrhpo_schema (
            version INTEGER NOT NULL,
            written_by TEXT NOT NULL
        );
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            objective_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            created TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE trials (
            study_id INTEGER NOT NULL REFERENCES studies (id),
            number INTEGER NOT NULL,
            state TEXT NOT NULL,
            point TEXT NOT NULL,
            parameters TEXT NOT NULL,
            seed INTEGER NOT NULL,
            value REAL,
            error TEXT,
            worker TEXT NOT NULL,
            starts INTEGER NOT NULL,
            lease_until INTEGER,
            started TEXT,
            finished TEXT,
            attributes TEXT,
            budget INTEGER,
            promoted_from INTEGER,
            version INTEGER NOT NULL,
            PRIMARY KEY (study_id, number)
        );
        CREATE INDEX trials_by_version ON trials (study_id, version);
        CREATE INDEX trials_by_state ON trials (study_id, state, number);
        CREATE UNIQUE INDEX trials_by_promotion ON trials (study_id, promoted_from) WHERE promoted_from IS NOT NULL;
        CREATE TABLE reports (
            study_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            step INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY (study_id, number, seq)
        );
        """;

    /// <summary>
    /// Version 2 adds each study's search-space definition (NULL for studies of version 1 files until they are next opened) and
    /// its sampler lock: who holds it (a study object) and until when (Unix milliseconds). A lock's row exists only while it
    /// is held or until its holder's time has passed.
    /// </summary>
    private const string UpgradeToV2 = """
        ALTER TABLE studies ADD COLUMN space TEXT;
        CREATE TABLE sampler_locks (
            study_id INTEGER PRIMARY KEY REFERENCES studies (id),
            owner TEXT NOT NULL,
            until INTEGER NOT NULL
        );
        """;

    /// <summary>
    /// Version 3 adds the versions of a study (<see cref="SpaceChange.NewVersion"/>): a version after the first is a study row of
    /// its own, named <c>"name (version N)"</c>, with <c>version_of</c> the study's name and <c>version_number</c> N. Both are
    /// NULL for a study's first version, which keeps its name: every study of an older file is the first version of itself.
    /// </summary>
    private const string UpgradeToV3 = """
        ALTER TABLE studies ADD COLUMN version_of TEXT;
        ALTER TABLE studies ADD COLUMN version_number INTEGER;
        CREATE INDEX studies_by_version_of ON studies (version_of, version_number);
        """;

    private static readonly string[] TablesV1 = [VersionTable, "studies", "trials", "reports"];

    private static readonly string[] TablesV2 = [.. TablesV1, "sampler_locks"];

    /// <summary>What an inspected file holds.</summary>
    public enum Contents
    {
        /// <summary>No tables: a new or empty file, to be given the schema.</summary>
        Empty,

        /// <summary>An AttrHpo study file of the current schema.</summary>
        Current,

        /// <summary>An AttrHpo study file of an older schema, to be upgraded.</summary>
        Outdated,
    }

    /// <summary>
    /// Refuses, without opening it with SQLite, a non-empty file that is not a SQLite database or, having no write-ahead log
    /// beside it, is shorter than its own header says (truncated). SQLite itself would only notice some of this when it
    /// reads the damaged pages.
    /// </summary>
    public static void CheckHeader(string path)
    {
        Span<byte> header = stackalloc byte[100];
        long length;
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = file.Length;
            if (length == 0)
            {
                return;
            }

            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        catch (DirectoryNotFoundException)
        {
            return; // SQLite says why it cannot create the file
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StudyStorageException($"Cannot read the study file '{path}': {exception.Message}", exception);
        }

        if (read < header.Length || !header[..16].SequenceEqual("SQLite format 3\0"u8))
        {
            throw NotUsable(path, "it is not a SQLite database", null);
        }

        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]) is var size && size == 1 ? 65536 : size;
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header[24..]);
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        {
            throw NotUsable(path, $"its header is damaged (page size {pageSize})", null);
        }

        // While a write-ahead log lies beside the file, the file alone is not the database: a checkpoint in progress in another
        // process, or one interrupted by a crash, has written the new header before the pages after it, and SQLite completes
        // it from the log. Only a file without a log must be as long as its header says.
        if (pages > 0 && changeCounter == validFor && length < (long)pageSize * pages && !File.Exists(path + "-wal"))
        {
            throw NotUsable(path, $"it is truncated ({length:N0} bytes; its header says {(long)pageSize * pages:N0})", null);
        }
    }

    /// <summary>Reads what the file holds, writing nothing; refuses a file this version must not touch.</summary>
    public static Contents Inspect(SqliteConnection connection, string path)
    {
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            return Contents.Empty;
        }

        if (!tables.Contains(VersionTable))
        {
            throw new StudyStorageException(
                $"The file '{path}' is a SQLite database but not an AttrHpo study file (its tables: {string.Join(", ", tables.Take(8))}" +
                $"{(tables.Count > 8 ? ", ..." : string.Empty)}). Nothing in it was changed. Give the study a file of its own.");
        }

        long? version = null;
        var rows = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT version FROM {VersionTable}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows++;
                version = reader.IsDBNull(0) || reader.GetFieldType(0) != typeof(long) ? null : reader.GetInt64(0);
            }
        }

        if (rows != 1 || version is not { } known || known < 1)
        {
            throw NotUsable(path, $"its schema version is missing or invalid ({rows} row(s) in {VersionTable})", null);
        }

        if (known > Version)
        {
            throw new StudyStorageException(
                $"The file '{path}' was written by a newer AttrHpo (schema {known}; this version reads {Version}): upgrade AttrHpo " +
                "or use another file. Nothing in it was changed.");
        }

        var missing = (known == 1 ? TablesV1 : TablesV2).Where(t => !tables.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            throw NotUsable(path, $"tables of its schema are missing ({string.Join(", ", missing)})", null);
        }

        return known == Version ? Contents.Current : Contents.Outdated;
    }

    /// <summary>Creates the schema in an empty file, in the caller's write transaction.</summary>
    public static void Create(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = CreateV1 + UpgradeToV2 + UpgradeToV3;
        command.ExecuteNonQuery();
        command.CommandText = $"INSERT INTO {VersionTable} (version, written_by) VALUES ($version, $by)";
        command.Parameters.AddWithValue("$version", Version);
        command.Parameters.AddWithValue("$by", $"AttrHpo {typeof(SqliteSchema).Assembly.GetName().Version}");
        command.ExecuteNonQuery();
    }

    /// <summary>Upgrades a file of an older schema to the current schema, in the caller's write transaction; its trials are kept as they are.</summary>
    public static void Upgrade(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT version FROM {VersionTable}";
        var known = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = (known < 2 ? UpgradeToV2 : string.Empty) + UpgradeToV3;
        command.ExecuteNonQuery();
        command.CommandText = $"UPDATE {VersionTable} SET version = $version";
        command.Parameters.AddWithValue("$version", Version);
        command.ExecuteNonQuery();
    }

    /// <summary>Why a read-only storage cannot read a file that needs the schema created or upgraded first.</summary>
    public static StudyStorageException NotReadable(string path, Contents contents) => new(contents == Contents.Empty
        ? $"The file '{path}' holds no AttrHpo studies (it has no tables), so there is nothing to read. Check the path, or run a study on the file first."
        : $"The study file '{path}' was written by an older AttrHpo, and a read-only storage does not upgrade it. Open it once without " +
          "SqliteStudyStorageOptions.ReadOnly (run its study, say) to upgrade it.");

    /// <summary>The error for a file that is damaged or not a database at all; says that nothing was changed.</summary>
    public static StudyStorageException NotUsable(string path, string reason, Exception? cause) =>
        new(
            $"The file '{path}' cannot be used as a study file: {reason}. Nothing in it was changed. " +
            "Restore it from a backup, or give the study another file.",
            cause);
}
