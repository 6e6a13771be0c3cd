using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>The version of its study a study object runs (<see cref="StudyOptions.OnSpaceChange"/>), and its warm start.</summary>
public sealed partial class Study<TParameters>
{
    private readonly StudyVersionBinding _binding;
    private readonly WarmStartHistory _warmStart = new();

    /// <summary>
    /// The version of the study this object runs: 1 for a study whose space never changed, N for the Nth space under its name
    /// (<see cref="SpaceChange.NewVersion"/>). 0 until the study is first opened (by <see cref="OpenAsync"/>, <c>OptimizeAsync</c>,
    /// <see cref="GetTrialsAsync"/>, ask/tell or <see cref="EnqueueAsync"/>); it never changes after.
    /// </summary>
    public int Version => _binding.Version?.Version ?? 0;

    /// <summary>
    /// Opens the study in its storage now, as its first operation would: the version asked for (<see cref="StudyOptions.Version"/>)
    /// or the latest, or a new version when the space changed and <see cref="StudyOptions.OnSpaceChange"/> allows; a new version
    /// reads its earlier versions' trials for the warm start then. Later calls return the same version at once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The version this object runs.</returns>
    /// <exception cref="StudyStorageException">The stored study is of another objective or direction, its space changed and is refused (the message names every difference and the way on), or the version asked for does not exist.</exception>
    public async Task<StoredStudy> OpenAsync(CancellationToken cancellationToken = default)
    {
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        return _binding.Version!;
    }

    /// <summary>The observations of the warm start (none before the study is opened, or for a first version).</summary>
    internal IReadOnlyList<Observation> WarmStartObservations => _warmStart.Observations;

    /// <summary>Binds the study to its version, with the options' checks.</summary>
    private StudyVersionBinding Bind(StudyOptions options)
    {
        if (options.Version is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Version, "StudyOptions.Version is a version's number: 1 or more, or unset for the latest.");
        }

        if (!Enum.IsDefined(options.OnSpaceChange))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OnSpaceChange, "StudyOptions.OnSpaceChange must be SpaceChange.Refuse or SpaceChange.NewVersion.");
        }

        return new StudyVersionBinding(options.Storage ?? new InMemoryStudyStorage(), options.Version, options.OnSpaceChange, options.WarmStart ? LoadWarmStartAsync : null);
    }

    private async ValueTask LoadWarmStartAsync(IStudyStorage storage, StoredStudy opened, CancellationToken cancellationToken)
    {
        if (opened.Version == 1)
        {
            return;
        }

        var outcome = await WarmStart.LoadAsync(storage, opened, Objective, Options.WarmStartValues, cancellationToken).ConfigureAwait(false);
        _warmStart.Set(outcome.Observations);
        var earlier = opened.Version == 2 ? "version 1" : $"versions 1 to {opened.Version - 1}";
        VersionLog.WarmStart(_logger, opened.Name, opened.Version, outcome.Observations.Count, outcome.Complete, earlier, outcome.Reasons);
    }
}

/// <summary>What the versions of a study log.</summary>
internal static partial class VersionLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Study {Study} version {Version}: warm start from {Used} of the {Complete} complete trials of {Earlier} ({Reasons})")]
    public static partial void WarmStart(ILogger logger, string study, int version, int used, int complete, string earlier, string reasons);
}
