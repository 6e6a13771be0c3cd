using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AttrHpo.Orleans.Tests.Processes;

/// <summary>
/// A schema of its own on the test server (ATTRHPO_POSTGRES, else the local one .ci/run sets up) for one test of the
/// sample's processes, dropped when disposed, and the SQL the tests check the study with.
/// </summary>
internal sealed class SampleDatabase : IDisposable
{
    private const string DefaultServer = "Host=localhost;Username=postgres;Password=postgres";

    public SampleDatabase()
    {
        Schema = "k" + Guid.NewGuid().ToString("N");
        var server = Environment.GetEnvironmentVariable("ATTRHPO_POSTGRES") is { Length: > 0 } set ? set : DefaultServer;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Schema, Pooling = false, Timeout = 5 }.ConnectionString;
    }

    public string Schema { get; }

    private string ConnectionString { get; }

    /// <summary>The arguments every role of the sample takes for this schema (the cluster id follows it).</summary>
    public string[] Arguments() => ["--schema", Schema];

    /// <summary>Rows of the study's trials in one state, or every state when <paramref name="state"/> is null: number, value, parameters, finished, worker, starts.</summary>
    public async Task<IReadOnlyList<StoredTrial>> TrialsAsync(string study, string? state = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT t.number, t.state, t.value, t.parameters, t.finished, t.worker, t.starts, t.attributes
            FROM trials t JOIN studies s ON s.id = t.study_id
            WHERE s.name = $1 AND ($2::text IS NULL OR t.state = $2)
            ORDER BY t.number
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = study });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)state ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return []; // the coordinator has not opened the study yet
        }

        await using var _ = reader;
        var trials = new List<StoredTrial>();
        while (await reader.ReadAsync())
        {
            trials.Add(new StoredTrial(
                reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return trials;
    }

    /// <summary>Runs one query and returns its single number.</summary>
    public async Task<long> CountAsync(string sql, string study)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = study });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A TCP port on loopback that nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE", connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A trial's row as PostgreSQL holds it.</summary>
internal sealed record StoredTrial(int Number, string State, double? Value, string Parameters, string? Finished, string Worker, int Starts, string? Attributes)
{
    /// <summary>The process that ran the objective (the sample's "pid" attribute); null before it has run.</summary>
    public int? Pid => Attributes is { } json && System.Text.Json.JsonDocument.Parse(json).RootElement.TryGetProperty("pid", out var pid)
        ? int.Parse(pid.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : null;
}
