using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>The <see cref="IStudyFactory"/> that <c>services.AddAttrHpo(...)</c> registers.</summary>
internal sealed class StudyFactory : IStudyFactory
{
    /// <summary>Creates a factory from the container's services.</summary>
    /// <param name="storage">The container's storage, given to every study.</param>
    /// <param name="loggerFactory">The container's logger factory, if it has one.</param>
    /// <param name="time">The container's clock, if it has one.</param>
    /// <param name="defaults">The application's defaults (<see cref="AttrHpoOptions.Study"/>), without a storage.</param>
    public StudyFactory(IStudyStorage storage, ILoggerFactory? loggerFactory, TimeProvider? time, StudyOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(defaults);
        Options = defaults with
        {
            Storage = storage,
            LoggerFactory = defaults.LoggerFactory ?? loggerFactory,
            TimeProvider = defaults.TimeProvider ?? time,
        };
    }

    /// <inheritdoc />
    public StudyOptions Options { get; }

    /// <inheritdoc />
    public Study<TParameters> Create<TParameters>(ObjectiveDefinition<TParameters> objective, Func<StudyOptions, StudyOptions>? configure = null)
        where TParameters : notnull
    {
        ArgumentNullException.ThrowIfNull(objective);
        var options = configure is null
            ? Options
            : configure(Options) ?? throw new InvalidOperationException(
                "The configure function given to IStudyFactory.Create returned null. Return the study's options, for example o => o with { Name = \"run-2\" }.");
        return Study.Create(objective, options);
    }
}
