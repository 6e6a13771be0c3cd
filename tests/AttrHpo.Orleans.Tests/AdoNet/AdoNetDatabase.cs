using System.Reflection;
using Npgsql;

namespace AttrHpo.Orleans.Tests.AdoNet;

/// <summary>
/// A schema of its own on the test server (ATTRHPO_POSTGRES, else the local one .ci/run sets up) with the sample's script for
/// Orleans' ADO.NET providers (samples/Cluster/orleans-postgresql.sql) run in it, dropped when disposed. The providers reach
/// the schema through the connection string's search path, as the sample's silos do.
/// </summary>
internal sealed class AdoNetDatabase : IAsyncDisposable
{
    private const string DefaultServer = "Host=localhost;Username=postgres;Password=postgres";

    private AdoNetDatabase(string schema, string server)
    {
        Schema = schema;
        ServerConnectionString = new NpgsqlConnectionStringBuilder(server) { Timeout = 5 }.ConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, Timeout = 5 }.ConnectionString;
    }

    /// <summary>The schema, also the Orleans cluster id of the test's silos.</summary>
    public string Schema { get; }

    /// <summary>The server with the schema as search path: what the providers are given.</summary>
    public string ConnectionString { get; }

    private string ServerConnectionString { get; }

    /// <summary>The script as the sample embeds it, linked into this assembly from samples/Cluster.</summary>
    public static string Script()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("orleans-postgresql.sql")
            ?? throw new InvalidOperationException("orleans-postgresql.sql is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Creates the schema and runs the script in it twice (it must be safe to run again).</summary>
    public static async Task<AdoNetDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("ATTRHPO_POSTGRES") is { Length: > 0 } set ? set : DefaultServer;
        var database = new AdoNetDatabase("adonet_" + Guid.NewGuid().ToString("N")[..12], server);
        await using (var connection = new NpgsqlConnection(database.ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{database.Schema}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        for (var run = 0; run < 2; run++)
        {
            await database.ExecuteAsync(Script());
        }

        return database;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of one query, each as its columns' values.</summary>
    public async Task<IReadOnlyList<object?[]>> RowsAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
