using Npgsql;

namespace AttrHpo.Tests.Support;

/// <summary>
/// A schema of its own on the test server, for one test: created now, dropped with everything in it when disposed, so
/// that tests run in parallel and leave nothing behind. The server is <c>ATTRHPO_POSTGRES</c> (an Npgsql connection
/// string), by default the local one that .ci/run installs and starts; a server that cannot be reached fails the test.
/// </summary>
public sealed class PostgresSchema : IDisposable
{
    /// <summary>The environment variable naming the test server.</summary>
    public const string Variable = "ATTRHPO_POSTGRES";

    private const string DefaultServer = "Host=localhost;Username=postgres;Password=postgres";

    public PostgresSchema()
    {
        Name = "t_" + Guid.NewGuid().ToString("N");
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set : DefaultServer;
        ServerConnectionString = new NpgsqlConnectionStringBuilder(server) { Pooling = false, Timeout = 5 }.ConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Name, ApplicationName = Name }.ConnectionString;
        try
        {
            Execute($"CREATE SCHEMA \"{Name}\"");
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL test server cannot be reached ({exception.Message}). .ci/run installs and starts it (PostgreSQL 15, " +
                $"role 'postgres' with password 'postgres' on localhost); or set {Variable} to an Npgsql connection string of another server.",
                exception);
        }
    }

    /// <summary>The schema's name, also the application name of the storage's connections (so a test can find and end them).</summary>
    public string Name { get; }

    /// <summary>The connection string for storages: the server, with the schema as search path.</summary>
    public string ConnectionString { get; }

    /// <summary>The server without the schema, unpooled: for the test's own statements.</summary>
    public string ServerConnectionString { get; }

    /// <summary>Runs one statement on a connection of the test's own.</summary>
    public int Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs one query on a connection of the test's own and returns its first value as a number (0 for no row).</summary>
    public long Count(string sql)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Ends every backend of the storages on this schema (they are told apart by their application name).</summary>
    public long TerminateStorageConnections() =>
        Count($"SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{Name}' AND pid <> pg_backend_pid()");

    public void Dispose()
    {
        Execute($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE");
    }
}
