using Npgsql;

namespace AttrHpo;

/// <summary>
/// The tables of a PostgreSQL study store, in the connection's schema (its <c>Search Path</c>), and their versions: a new
/// schema is created, an older one upgraded step by step, a newer one refused. Setup runs under a transaction-scoped
/// advisory lock, so processes that start at once create the tables once.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The table that marks a schema as AttrHpo's and holds its version.</summary>
    public const string VersionTable = "attrhpo_schema";

    /// <summary>The advisory lock key that serializes schema setup and study creation ("AttrHpo" in ASCII).</summary>
    public const long SetupLock = 0x41747472487030;

    /// <summary>
    /// The steps from one version to the next: step i takes the schema from version i to i + 1. Numbers of a study are dense
    /// and never deleted; every change bumps its study's <c>version</c> and stamps the changed trials with it; times are
    /// ISO 8601 UTC text and lease ends Unix milliseconds, as in the SQLite storage.
    /// </summary>
    private static readonly string[] Steps =
    [
        $"""
        CREATE TABLE {VersionTable} (version INTEGER NOT NULL, written_by TEXT NOT NULL);
        CREATE TABLE studies (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            objective_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            created TEXT NOT NULL,
            version BIGINT NOT NULL DEFAULT 0,
            space TEXT,
            version_of TEXT,
            version_number INTEGER
        );
        CREATE INDEX studies_by_version_of ON studies (version_of, version_number);
        CREATE TABLE trials (
            study_id BIGINT NOT NULL REFERENCES studies (id),
            number INTEGER NOT NULL,
            state TEXT NOT NULL,
            point TEXT NOT NULL,
            parameters TEXT NOT NULL,
            seed INTEGER NOT NULL,
            value DOUBLE PRECISION,
            error TEXT,
            worker TEXT NOT NULL,
            starts INTEGER NOT NULL,
            lease_until BIGINT,
            started TEXT,
            finished TEXT,
            attributes TEXT,
            budget BIGINT,
            promoted_from INTEGER,
            version BIGINT NOT NULL,
            PRIMARY KEY (study_id, number)
        );
        CREATE INDEX trials_by_version ON trials (study_id, version);
        CREATE INDEX trials_by_state ON trials (study_id, state, number);
        CREATE UNIQUE INDEX trials_by_promotion ON trials (study_id, promoted_from) WHERE promoted_from IS NOT NULL;
        CREATE TABLE reports (
            study_id BIGINT NOT NULL,
            number INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            step BIGINT NOT NULL,
            value DOUBLE PRECISION,
            PRIMARY KEY (study_id, number, seq)
        );
        CREATE TABLE sampler_locks (
            study_id BIGINT PRIMARY KEY REFERENCES studies (id),
            owner TEXT NOT NULL,
            lock_until BIGINT NOT NULL
        );
        INSERT INTO {VersionTable} (version, written_by) VALUES (0, '');
        """,
    ];

    /// <summary>The schema this version writes and reads.</summary>
    public static int Version => Steps.Length;

    /// <summary>
    /// Whether the tables exist, for a read-only storage, which never creates or upgrades them: refuses a schema of a newer
    /// AttrHpo, and one of an older AttrHpo, which a writer upgrades when it next opens the database.
    /// </summary>
    public static async Task<bool> CheckAsync(PostgreSqlSession session, string where, CancellationToken cancellationToken)
    {
        await using (var exists = session.Sql("SELECT to_regclass(@table) IS NOT NULL").With("table", VersionTable))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return false;
            }
        }

        await using var read = session.Sql($"SELECT version FROM {VersionTable}");
        var known = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return known == Version ? true : throw new StudyStorageException(known > Version
            ? $"The PostgreSQL schema at {where} was written by a newer AttrHpo (schema {known}; this version reads {Version}): upgrade AttrHpo. Nothing in it was changed."
            : $"The PostgreSQL schema at {where} is of an older AttrHpo (schema {known}; this version reads {Version}), and a read-only storage does not upgrade it: " +
                "run a study on it with this version once (which upgrades it), then read it. Nothing in it was changed.");
    }

    /// <summary>Creates or upgrades the tables, in the session's transaction, or refuses a schema this version cannot read.</summary>
    public static async Task EnsureAsync(PostgreSqlSession session, string where, CancellationToken cancellationToken)
    {
        await using (var lockSetup = session.Sql("SELECT pg_advisory_xact_lock(@key)").With("key", SetupLock))
        {
            await lockSetup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var known = 0;
        await using (var exists = session.Sql("SELECT to_regclass(@table) IS NOT NULL").With("table", VersionTable))
        {
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                await using var read = session.Sql($"SELECT version FROM {VersionTable}");
                known = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (known > Version)
        {
            throw new StudyStorageException(
                $"The PostgreSQL schema at {where} was written by a newer AttrHpo (schema {known}; this version reads {Version}): " +
                "upgrade AttrHpo or use another database or schema. Nothing in it was changed.");
        }

        for (var step = known; step < Version; step++)
        {
            await using var upgrade = session.Sql(Steps[step]);
            await upgrade.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (known < Version)
        {
            await using var mark = session.Sql($"UPDATE {VersionTable} SET version = @version, written_by = @by")
                .With("version", Version)
                .With("by", $"AttrHpo {typeof(PostgreSqlSchema).Assembly.GetName().Version}");
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
