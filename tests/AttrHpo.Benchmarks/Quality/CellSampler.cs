namespace AttrHpo.Benchmarks;

/// <summary>
/// A check of the benchmark's paths, not a sampler to compare: the lowest of 128 cells of the first coordinate that no finished
/// or pending trial holds, after a pause that stands in for a model's fit. A suggestion made without another's point repeats
/// its cell, so a path that keeps suggestions in turn shows no near-duplicates.
/// </summary>
internal sealed class CellSampler : ISampler
{
    private const int Cells = 128;

    public double[] Suggest(SamplingContext context)
    {
        Thread.Sleep(2);
        var taken = context.Completed.Select(o => o.Point).Concat(context.Pending).Select(p => (int)(p[0] * Cells)).ToHashSet();
        var cell = Enumerable.Range(0, Cells).First(c => !taken.Contains(c));
        var point = Enumerable.Repeat(0.5, context.Space.Count).ToArray();
        point[0] = (cell + 0.5) / Cells;
        return point;
    }
}
