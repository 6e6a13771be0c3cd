using System.Globalization;
using Npgsql;

namespace AttrHpo;

/// <summary>Connection strings: <c>postgresql://user:password@host:port/database?key=value</c> URIs read into Npgsql's form, and descriptions without credentials.</summary>
internal static class PostgreSqlConnectionStrings
{
    /// <summary>The Npgsql form of <paramref name="text"/>: a URI is read; anything else is taken as Npgsql's <c>Key=Value;</c> form.</summary>
    public static string Normalize(string text)
    {
        if (!text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var uri = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder { Host = Uri.UnescapeDataString(uri.Host) };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).Replace('_', ' ');
            builder[key] = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        return builder.ConnectionString;
    }

    /// <summary>Host, port, database and search path: what a message may show. Never the user's password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"'{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}" +
            $"{(string.IsNullOrEmpty(builder.SearchPath) ? string.Empty : " (schema " + builder.SearchPath + ")")}'");
}
