using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AttrHpo.Tool.Optuna;

/// <summary>Runs parameterized statements (<c>$p0</c>, <c>$p1</c>, ...) in one transaction.</summary>
internal sealed class Sql(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
{
    public async Task RunAsync(string text, params object?[] values)
    {
        await using var command = Command(text, values);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row of a query, each as its columns' values (<see langword="null"/> for SQL NULL).</summary>
    public async Task<List<object?[]>> RowsAsync(string text, params object?[] values)
    {
        await using var command = Command(text, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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

    private SqliteCommand Command(string text, object?[] values)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
        }

        return command;
    }
}
