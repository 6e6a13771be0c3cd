namespace AttrHpo;

/// <summary>The sweeps <see cref="GpuCandidateSweeps"/> names: each creates its kind of scorer.</summary>
internal sealed class IlgpuSweep : GpCandidateSweep
{
    private readonly Func<ICandidateScorer> _create;
    private readonly string _name;

    private IlgpuSweep(string name, Func<ICandidateScorer> create)
    {
        _name = name;
        _create = create;
    }

    public static IlgpuSweep Auto { get; } = new("Auto", () => new AutoCandidateScorer());

    public static IlgpuSweep Cuda { get; } = new("Cuda", () => IlgpuCandidateScorer.CreateCuda());

    public static IlgpuSweep IlgpuCpu { get; } = new("IlgpuCpu", () => IlgpuCandidateScorer.CreateCpu());

    internal override ICandidateScorer CreateScorer() => _create();

    public override string ToString() => _name;
}
