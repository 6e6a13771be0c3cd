namespace AttrHpo;

/// <summary>What a sampler may use to propose a trial's point.</summary>
public sealed class SamplingContext
{
    /// <summary>Creates a sampling context.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="trialNumber">The number of the trial to propose a point for.</param>
    /// <param name="seed">The study's seed.</param>
    /// <param name="completed">Finished trials with a value, as (point, loss): values of maximised objectives are negated, so smaller is always better.</param>
    /// <param name="pending">Points of trials that are running and have no value yet.</param>
    public SamplingContext(SearchSpace space, int trialNumber, ulong seed, IReadOnlyList<Observation> completed, IReadOnlyList<IReadOnlyList<double>> pending)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(completed);
        ArgumentNullException.ThrowIfNull(pending);
        Space = space;
        TrialNumber = trialNumber;
        Seed = seed;
        Completed = completed;
        Pending = pending;
    }

    /// <summary>The search space.</summary>
    public SearchSpace Space { get; }

    /// <summary>The number of the trial to propose a point for.</summary>
    public int TrialNumber { get; }

    /// <summary>The study's seed.</summary>
    public ulong Seed { get; }

    /// <summary>Finished trials with a value, and failed trials with a loss of <see cref="double.PositiveInfinity"/> (the worst
    /// possible, so a sampler can learn to avoid their region or skip them); smaller loss is better. In a new version of a study
    /// (<see cref="SpaceChange.NewVersion"/>) they begin with its earlier versions' complete trials that lie in its space.</summary>
    public IReadOnlyList<Observation> Completed { get; }

    /// <summary>Points of running trials.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Pending { get; }

    /// <summary>The same history and seed for another trial, with <paramref name="pending"/> as the running trials' points.</summary>
    internal SamplingContext ForTrial(int trialNumber, IReadOnlyList<IReadOnlyList<double>> pending) =>
        new(Space, trialNumber, Seed, Completed, [.. pending]);

    /// <summary>A random stream of its own for this trial: the same for the same seed and trial number, independent between trials.</summary>
    public Random CreateRandom() => new MathNet.Numerics.Random.Xoshiro256StarStar(SeedMixer.TrialSeed(Seed, TrialNumber), threadSafe: false);
}
