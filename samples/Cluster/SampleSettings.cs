using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Cluster;

/// <summary>The command line of every role: <c>--name value</c> pairs, each with a default.</summary>
internal sealed partial class SampleSettings
{
    private const string DefaultServer = "Host=localhost;Username=postgres;Password=postgres";
    private readonly Dictionary<string, string> _values;

    private SampleSettings(Dictionary<string, string> values)
    {
        _values = values;
        var server = Text("--db", Environment.GetEnvironmentVariable("ATTRHPO_POSTGRES") is { Length: > 0 } set ? set : DefaultServer);
        Schema = Text("--schema", "attrhpo_cluster_sample");
        if (!SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException($"--schema '{Schema}': use lower-case letters, digits and '_', starting with a letter.");
        }

        ServerConnectionString = new NpgsqlConnectionStringBuilder(server) { Timeout = 5 }.ConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Schema, Timeout = 5 }.ConnectionString;
        ClusterId = Text("--cluster-id", Schema);
    }

    /// <summary>The PostgreSQL schema the study, its trials and the grain state live in (one per run keeps runs apart).</summary>
    public string Schema { get; }

    /// <summary>The server, without the schema.</summary>
    public string ServerConnectionString { get; }

    /// <summary>The server, with the schema as search path.</summary>
    public string ConnectionString { get; }

    /// <summary>Orleans' cluster id: silos with the same one form one cluster.</summary>
    public string ClusterId { get; }

    public static SampleSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }

            values[args[i]] = args[i + 1];
        }

        return new SampleSettings(values);
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Number(string name, int fallback) =>
        _values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new ArgumentException($"{name} '{text}': expected a whole number, 0 or more.")
            : fallback;

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
