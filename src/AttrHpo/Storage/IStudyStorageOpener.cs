namespace AttrHpo;

/// <summary>
/// Opens storages of one kind from location strings, for <see cref="StudyStorage.Open"/> and <c>services.AddAttrHpo</c>:
/// each storage package has one (the AttrHpo.Sqlite package's <c>SqliteLocations.Opener</c> reads <c>sqlite:PATH</c>).
/// </summary>
public interface IStudyStorageOpener
{
    /// <summary>The forms of location this opener reads, for error messages: <c>'sqlite:PATH' or a path ending in .db</c>, say.</summary>
    string Forms { get; }

    /// <summary>Opens the storage at <paramref name="location"/> when it is one of this opener's forms.</summary>
    /// <param name="location">The location, trimmed.</param>
    /// <returns>The storage, or <see langword="null"/> when the location is not of this opener's kind.</returns>
    /// <exception cref="ArgumentException">The location is of this opener's kind but malformed (the message names the fix).</exception>
    IStudyStorage? TryOpen(string location);
}
