namespace AttrHpo;

/// <summary>What <c>services.AddAttrHpo(...)</c> registers: where trials are kept, and the defaults of every study.</summary>
public sealed class AttrHpoOptions
{
    /// <summary>
    /// Where the container's <see cref="IStudyStorage"/> keeps trials, in a form <see cref="StudyStorage.Open"/> reads with
    /// <see cref="StorageOpeners"/>: <c>memory:</c> (the default), or <c>sqlite:PATH</c> with the AttrHpo.Sqlite package
    /// (<c>attrHpo.UseSqlite("studies.db")</c> sets both). The storage is created when first needed (a relative path is taken
    /// from the current directory then), shared by every study the container creates, and disposed with the container, which
    /// closes a file.
    /// </summary>
    public string Storage { get; set; } = "memory:";

    /// <summary>The storage kinds <see cref="Storage"/> may name besides <c>memory:</c>: each storage package adds its own.</summary>
    public IList<IStudyStorageOpener> StorageOpeners { get; } = [];

    /// <summary>
    /// The defaults of every study <see cref="IStudyFactory"/> creates: seed, sampler, trial timeout, retries and so on.
    /// Leave <see cref="StudyOptions.Storage"/> unset (set <see cref="Storage"/> instead); <see cref="StudyOptions.LoggerFactory"/>
    /// and <see cref="StudyOptions.TimeProvider"/>, when unset, are the container's.
    /// </summary>
    public StudyOptions Study { get; set; } = new();

    /// <summary>Refuses options that cannot work, naming the property and the fix.</summary>
    internal void Validate()
    {
        if (Study is null)
        {
            throw new InvalidOperationException("AttrHpoOptions.Study is null. Leave it at its default, or set it to a StudyOptions.");
        }

        if (Study.Storage is not null)
        {
            throw new InvalidOperationException(
                "AttrHpoOptions.Study.Storage is set, but studies created by the container use the container's storage. Set AttrHpoOptions.Storage " +
                "(or call attrHpo.UseSqlite(\"study.db\")) instead, or register your own IStudyStorage before calling AddAttrHpo.");
        }

        try
        {
            // Open only reads the location (a SQLite file is opened on first use), so a bad one is refused here, at startup.
            (StudyStorage.Open(Storage ?? string.Empty, StorageOpeners) as IDisposable)?.Dispose();
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"AttrHpoOptions.Storage is not a storage location: {exception.Message}", exception);
        }
    }
}
