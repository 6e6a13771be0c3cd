namespace AttrHpo;

/// <summary>SQLite for the studies of a service container: <c>services.AddAttrHpo(attrHpo => attrHpo.UseSqlite("studies.db"))</c>.</summary>
public static class SqliteAttrHpoOptions
{
    extension(AttrHpoOptions options)
    {
        /// <summary>Keeps the container's trials in the SQLite file at <paramref name="path"/>.</summary>
        /// <param name="path">The file; a relative path is taken from the current directory when the storage is first needed.</param>
        /// <returns>The options, for chaining.</returns>
        public AttrHpoOptions UseSqlite(string path)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(path);
            options.Storage = "sqlite:" + path;
            if (!options.StorageOpeners.Contains(SqliteLocations.Opener))
            {
                options.StorageOpeners.Add(SqliteLocations.Opener);
            }

            return options;
        }
    }
}
