namespace AttrHpo;

/// <summary>
/// Creates the storages a study keeps its trials in (<see cref="StudyOptions.Storage"/>): memory here; a SQLite file, which keeps
/// them across runs and processes, with the AttrHpo.Sqlite package (<c>StudyStorage.Sqlite(path)</c>).
/// </summary>
public static class StudyStorage
{
    /// <summary>Memory: fast, shared by the studies given this object, gone when the process ends.</summary>
    public static InMemoryStudyStorage InMemory() => new();

    /// <summary>
    /// A storage from a location string (a command-line option, a setting): <c>memory:</c>, or a form one of
    /// <paramref name="openers"/> reads (<c>sqlite:PATH</c> with the AttrHpo.Sqlite package's <c>SqliteLocations.Opener</c>).
    /// </summary>
    /// <param name="location">Where the trials are kept.</param>
    /// <param name="openers">The storage kinds to try, in order, after <c>memory:</c>.</param>
    /// <exception cref="ArgumentException">The location is none of these forms, or malformed.</exception>
    public static IStudyStorage Open(string location, params IEnumerable<IStudyStorageOpener> openers)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(openers);
        var trimmed = location.Trim();
        if (trimmed.Equals("memory:", StringComparison.OrdinalIgnoreCase))
        {
            return InMemory();
        }

        var forms = new List<string> { "'memory:'" };
        foreach (var opener in openers)
        {
            if (opener.TryOpen(trimmed) is { } storage)
            {
                return storage;
            }

            forms.Add(opener.Forms);
        }

        var hint = forms.Count == 1
            ? " A SQLite file needs the AttrHpo.Sqlite package: pass its SqliteLocations.Opener (services: attrHpo.UseSqlite(path))."
            : string.Empty;
        throw new ArgumentException($"The storage location '{location}' is not one AttrHpo knows. Use {string.Join(", or ", forms)}.{hint}", nameof(location));
    }
}
