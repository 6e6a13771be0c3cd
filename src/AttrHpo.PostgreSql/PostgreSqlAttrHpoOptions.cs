namespace AttrHpo;

/// <summary>PostgreSQL for the studies of a service container: <c>services.AddAttrHpo(attrHpo => attrHpo.UsePostgreSql("Host=db;Database=studies"))</c>.</summary>
public static class PostgreSqlAttrHpoOptions
{
    extension(AttrHpoOptions options)
    {
        /// <summary>Keeps the container's trials in the PostgreSQL database of <paramref name="connectionString"/>.</summary>
        /// <param name="connectionString">A <c>postgresql://</c> URI, or an Npgsql connection string starting with <c>Host=</c>.</param>
        /// <returns>The options, for chaining.</returns>
        public AttrHpoOptions UsePostgreSql(string connectionString)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
            if (!PostgreSqlLocations.IsLocation(connectionString))
            {
                throw new ArgumentException($"'UsePostgreSql' takes {PostgreSqlLocations.Opener.Forms}.", nameof(connectionString));
            }

            options.Storage = connectionString;
            if (!options.StorageOpeners.Contains(PostgreSqlLocations.Opener))
            {
                options.StorageOpeners.Add(PostgreSqlLocations.Opener);
            }

            return options;
        }
    }
}
