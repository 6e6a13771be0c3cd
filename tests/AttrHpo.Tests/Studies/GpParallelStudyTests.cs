using System.Collections.Concurrent;

namespace AttrHpo.Tests.Studies;

/// <summary>Branin, with a short pause standing in for training, so trials really overlap.</summary>
public static partial class ParallelBranin
{
    public const double Minimum = 0.397887357729738;

    /// <summary>Per study: the points of its running trials, and how many trials started within 0.5 % of one of them.</summary>
    private static readonly ConcurrentDictionary<string, Overlaps> Studies = new();

    public static Overlaps For(string study) => Studies.GetOrAdd(study, _ => new Overlaps());

    [Objective(Direction.Minimize)]
    public static async Task<double> EvaluateAsync(
        [Hyperparameter(-5.0, 10.0)] double x1, [Hyperparameter(0.0, 15.0)] double x2, TrialContext trial, CancellationToken cancellationToken)
    {
        var overlaps = For(trial.StudyName);
        overlaps.Enter(trial.Number, [(x1 + 5) / 15, x2 / 15]);
        try
        {
            await Task.Delay(2 + (trial.Number * 7 % 4 * 3), cancellationToken);
            return Value(x1, x2);
        }
        finally
        {
            overlaps.Exit(trial.Number);
        }
    }

    public static double Value(double x1, double x2)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - (b * x1 * x1) + (c * x1) - 6, 2) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }

    public sealed class Overlaps
    {
        private readonly Dictionary<int, double[]> _running = [];

        public List<(int Trial, int Running)> NearDuplicates { get; } = [];

        public int MostAtOnce { get; private set; }

        public void Enter(int number, double[] point)
        {
            lock (_running)
            {
                foreach (var (other, at) in _running)
                {
                    if (Math.Abs(at[0] - point[0]) < 0.005 && Math.Abs(at[1] - point[1]) < 0.005)
                    {
                        NearDuplicates.Add((number, other));
                    }
                }

                _running[number] = point;
                MostAtOnce = Math.Max(MostAtOnce, _running.Count);
            }
        }

        public void Exit(int number)
        {
            lock (_running)
            {
                _running.Remove(number);
            }
        }
    }
}

/// <summary>
/// The README's call, <c>OptimizeAsync(trials, parallelism: 4)</c> with the GP sampler: no running trial is handed another's
/// point, and it finds as good a point as the same sampler driven as ask/tell batches of 4.
/// </summary>
public sealed class GpParallelStudyTests
{
    private const int Trials = 36;

    /// <summary>
    /// A near-duplicate is a trial that starts within 0.5 % of the range (in every coordinate) of a trial still running. Blind
    /// samples gave 33 to 63 per 100 trials; the GP itself may refine its best point that closely once it has converged, so the
    /// issue's bound is 2 per 100.
    /// </summary>
    [Fact]
    public async Task OptimizeAsyncInParallelHandsNoRunningTrialAnothersPointAndMatchesAskTellBatches()
    {
        var parallel = new List<double>();
        var batches = new List<double>();
        var nearDuplicates = new List<(int Trial, int Running)>();
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var name = $"parallel-{seed}";
            using var gp = new GpSampler();
            var result = await ParallelBranin.EvaluateAsyncStudy.Create(new StudyOptions { Name = name, Sampler = gp, Seed = seed })
                .OptimizeAsync(trials: Trials, parallelism: 4);
            var overlaps = ParallelBranin.For(name);
            nearDuplicates.AddRange(overlaps.NearDuplicates);
            Assert.True(overlaps.MostAtOnce >= 2, "trials never overlapped, so the test proves nothing");
            parallel.Add(result.Best.Value!.Value - ParallelBranin.Minimum);
            batches.Add(await AskTellRegretAsync(seed));
        }

        Assert.True(nearDuplicates.Count <= 2, $"{nearDuplicates.Count} near-duplicates in {3 * Trials} trials: {string.Join(", ", nearDuplicates)}");

        // Ten times is well within the seed-to-seed scatter at this budget, and far below what blind samples cost (regret 5 to 26).
        var median = parallel.Order().ElementAt(1);
        var reference = batches.Order().ElementAt(1);
        Assert.True(median <= Math.Max(10 * reference, 0.05), $"OptimizeAsync regrets {string.Join(", ", parallel)}; ask/tell {string.Join(", ", batches)}");
    }

    private static async Task<double> AskTellRegretAsync(ulong seed)
    {
        using var gp = new GpSampler();
        var study = ParallelBranin.EvaluateAsyncStudy.Create(new StudyOptions { Name = $"batches-{seed}", Sampler = gp, Seed = seed });
        var best = double.PositiveInfinity;
        for (var told = 0; told < Trials; told += 4)
        {
            var asked = new List<AskedTrial<ParallelBranin.EvaluateAsyncParameters>>();
            for (var i = 0; i < 4; i++)
            {
                asked.Add(await study.AskAsync());
            }

            foreach (var trial in asked)
            {
                var value = ParallelBranin.Value(trial.Parameters.X1, trial.Parameters.X2);
                await study.TellAsync(trial, value);
                best = Math.Min(best, value);
            }
        }

        return best - ParallelBranin.Minimum;
    }
}
