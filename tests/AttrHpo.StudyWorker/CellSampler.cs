namespace AttrHpo.StudyWorker;

/// <summary>
/// Proposes the lowest of 64 cells of the first coordinate that no finished or pending trial holds, after a pause that stands
/// in for a model's fit. Two processes that sample without each other's points take the same cell, so distinct cells across
/// processes prove that every suggestion saw every earlier one.
/// </summary>
internal sealed class CellSampler : ISampler
{
    public const int Cells = 64;

    public static int CellOf(IReadOnlyList<double> point) => (int)(point[0] * Cells);

    public double[] Suggest(SamplingContext context)
    {
        Thread.Sleep(5);
        var taken = context.Completed.Select(o => CellOf(o.Point)).Concat(context.Pending.Select(CellOf)).ToHashSet();
        var cell = Enumerable.Range(0, Cells).First(c => !taken.Contains(c));
        return [(cell + 0.5) / Cells, 0.5];
    }
}
