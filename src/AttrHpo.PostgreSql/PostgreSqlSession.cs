using Npgsql;
using NpgsqlTypes;

namespace AttrHpo;

/// <summary>One transaction of one operation: its connection, and commands bound to both.</summary>
internal sealed class PostgreSqlSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    /// <summary>Whether the operation asked for its transaction to be rolled back rather than committed.</summary>
    public bool Discard { get; set; }

    /// <summary>Whether a read-only storage found the database without AttrHpo's tables (it holds no studies).</summary>
    public bool NoSchema { get; set; }

    public NpgsqlCommand Sql(string text) => new(text, connection, transaction);
}

/// <summary>Typed parameters, so that a null is sent with its type; every value reaches the server as a parameter, never as SQL text.</summary>
internal static class PostgreSqlParameters
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long? value) => command.With(name, value, NpgsqlDbType.Bigint);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int? value) => command.With(name, value, NpgsqlDbType.Integer);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value) => command.With(name, value, NpgsqlDbType.Text);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, double? value) => command.With(name, value, NpgsqlDbType.Double);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, bool value) => command.With(name, value, NpgsqlDbType.Boolean);

    private static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }
}
