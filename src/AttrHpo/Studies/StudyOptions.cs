using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>How a study runs. Every property has a sensible default.</summary>
public sealed record StudyOptions
{
    /// <summary>The study's name, used in trial ids and logs; the objective's id when not set.</summary>
    public string? Name { get; init; }

    /// <summary>The seed of every random choice the study makes: the same seed runs the same trials.</summary>
    public ulong Seed { get; init; }

    /// <summary>Proposes the trials' parameters; a <see cref="RandomSampler"/> when not set.</summary>
    public ISampler? Sampler { get; init; }

    /// <summary>Keeps the trials; an <see cref="InMemoryStudyStorage"/> when not set.</summary>
    public IStudyStorage? Storage { get; init; }

    /// <summary>Where the study and the objectives log; nothing is logged when not set.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
