namespace AttrHpo;

/// <summary>The trials of earlier versions a new version's sampler sees; set once, when the study object opens its version.</summary>
internal sealed class WarmStartHistory
{
    private IReadOnlyList<Observation> _observations = [];

    /// <summary>The observations, oldest version first; none until set.</summary>
    public IReadOnlyList<Observation> Observations => Volatile.Read(ref _observations);

    public void Set(IReadOnlyList<Observation> observations) => Volatile.Write(ref _observations, observations);
}
