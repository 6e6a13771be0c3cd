using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using Orleans.Storage;

namespace Cluster;

/// <summary>
/// Orleans grain state in one PostgreSQL table, for the coordinators and the study directory: a process that dies takes
/// nothing with it, and the grain's next activation, in any process, reads its state back. Each write checks the version
/// it read (the ETag), so two activations of one grain can never overwrite each other unseen.
/// </summary>
/// <remarks>
/// Orleans' own ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet) does the same once its PostgreSQL scripts have
/// been run on the database; those scripts are not part of its NuGet package, so the sample keeps this small table instead.
/// </remarks>
internal sealed class PostgreSqlGrainStorage(NpgsqlDataSource database, Serializer serializer) : IGrainStorage
{
    /// <summary>The table, created by the sample's <c>setup</c> role.</summary>
    public const string CreateTable =
        "CREATE TABLE IF NOT EXISTS orleans_grain_state (grain_key TEXT PRIMARY KEY, state BYTEA NOT NULL, version BIGINT NOT NULL)";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = database.CreateCommand("SELECT state, version FROM orleans_grain_state WHERE grain_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Key(stateName, grainId) });
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = serializer.Deserialize<T>(reader.GetFieldValue<byte[]>(0));
            grainState.ETag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = grainState.ETag is { } etag ? long.Parse(etag, CultureInfo.InvariantCulture) : 0;
        // Inserted when nothing was read; otherwise updated only while the version is still the one read.
        await using var command = database.CreateCommand(
            """
            INSERT INTO orleans_grain_state (grain_key, state, version) VALUES ($1, $2, 1)
            ON CONFLICT (grain_key) DO UPDATE SET state = EXCLUDED.state, version = orleans_grain_state.version + 1
            WHERE orleans_grain_state.version = $3
            RETURNING version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Key(stateName, grainId) });
        command.Parameters.Add(new NpgsqlParameter { Value = serializer.SerializeToArray(grainState.State), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = read });
        var written = await command.ExecuteScalarAsync();
        if (written is not long version || (grainState.ETag is null && version != 1))
        {
            throw new InconsistentStateException(
                $"The state of {grainId} was written by another activation since this one read it.", storedEtag: "unknown", currentEtag: grainState.ETag ?? "none");
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = database.CreateCommand("DELETE FROM orleans_grain_state WHERE grain_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Key(stateName, grainId) });
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
