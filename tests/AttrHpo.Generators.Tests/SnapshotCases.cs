namespace AttrHpo.Generators.Tests;

/// <summary>Representative objective methods, one per kind of signature the generator must handle.</summary>
internal static class SnapshotCases
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        // A synchronous double objective with a real range, a log range, a stepped int and a string choice.
        ["SyncRanges"] = """
            using AttrHpo;
            namespace Demo.Models;
            public static partial class Training
            {
                [Objective]
                public static double Train(
                    [Hyperparameter(1e-5, 1e-1, Log = true)] double learningRate,
                    [Hyperparameter(32, 512, Step = 32)] int hiddenUnits,
                    [Hyperparameter("adam", "sgd", "rmsprop")] string optimizer,
                    [Hyperparameter(0.0, 0.5)] double dropout) => learningRate + hiddenUnits + optimizer.Length + dropout;
            }
            """,

        // Task<double>, a budget, both injected parameters, and bare [Hyperparameter] on an enum and a bool.
        ["AsyncBudgetInjected"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using AttrHpo;
            namespace Demo;
            public enum Activation { Relu, Tanh, Sigmoid }
            public static partial class Network
            {
                [Objective(Direction.Minimize)]
                public static async Task<double> TrainAsync(
                    [Hyperparameter] Activation activation,
                    [Hyperparameter] bool batchNorm,
                    [Budget(1, 81)] int epochs,
                    TrialContext trial,
                    CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken);
                    trial.Report(epochs, 1.0);
                    return batchNorm ? (int)activation : 0.5;
                }
            }
            """,

        // C# default values on hyperparameters of every kind, and one without: the defaults a new version of a study warm-starts with.
        ["Defaults"] = """
            using AttrHpo;
            namespace Demo;
            public enum Schedule { Constant, Cosine, Step }
            public static partial class Tuning
            {
                [Objective]
                public static double Fit(
                    [Hyperparameter(1e-4, 1e-1, Log = true)] double learningRate,
                    [Hyperparameter(0.0, 0.99)] double momentum = 0.9,
                    [Hyperparameter(16, 128, Step = 16)] int hiddenUnits = 64,
                    [Hyperparameter(1L, 1000L)] long leaves = 10L,
                    [Hyperparameter(0.1, 1.0)] float subsample = 0.5f,
                    [Hyperparameter] Schedule schedule = Schedule.Cosine,
                    [Hyperparameter("sgd", "adam")] string optimizer = "adam",
                    [Hyperparameter] bool nesterov = true) =>
                    learningRate + momentum + hiddenUnits + leaves + subsample + (int)schedule + optimizer.Length + (nesterov ? 1 : 0);
            }
            """,

        // ValueTask<float>, a stepped float range, a log-scaled long range.
        ["ValueTaskFloat"] = """
            using System.Threading.Tasks;
            using AttrHpo;
            namespace Demo;
            public static partial class Boosting
            {
                [Objective]
                public static ValueTask<float> FitAsync(
                    [Hyperparameter(0.1, 1.0, Step = 0.1)] float subsample,
                    [Hyperparameter(1L, 1000000L, Log = true)] long leaves) => new(subsample * leaves);
            }
            """,

        // An int return, maximised, with a display name, and numeric choices.
        ["IntMaximizeChoices"] = """
            using AttrHpo;
            namespace Demo;
            public static partial class Search
            {
                [Objective(Direction.Maximize, Name = "accuracy")]
                public static int Score(
                    [Hyperparameter(0.5, 0.9, 0.99)] double momentum,
                    [Hyperparameter(16, 32, 64, 128)] int batchSize,
                    [Hyperparameter(-5, 5)] int shift) => (int)(momentum * batchSize) + shift;
            }
            """,

        // A method in an internal nested class of a record, in a block namespace.
        ["NestedInternal"] = """
            using AttrHpo;
            namespace Demo.Outer
            {
                public partial record Experiments
                {
                    internal static partial class Inner
                    {
                        [Objective]
                        internal static double Run([Hyperparameter(-1.5, 2.5)] double x, [Hyperparameter(-3, 3)] long y) => x * x + y;
                    }
                }
            }
            """,

        // The global namespace, in a struct.
        ["GlobalNamespace"] = """
            using AttrHpo;
            public partial struct Toy
            {
                [Objective]
                public static double Quadratic([Hyperparameter(-10.0, 10.0)] double x) => x * x;
            }
            """,

        // Log and step together, on a double and an int; bounds that need exact round-trips.
        ["LogAndStep"] = """
            using AttrHpo;
            namespace Demo;
            public static partial class Grid
            {
                [Objective]
                public static double Evaluate(
                    [Hyperparameter(0.001, 1.0, Log = true, Step = 0.001)] double alpha,
                    [Hyperparameter(16, 1024, Log = true, Step = 16)] int width,
                    [Hyperparameter(-0.30000000000000004, 0.1)] double offset,
                    [Hyperparameter(-1.7976931348623157E+308, double.MaxValue)] double extreme = 0) => alpha + width + offset;
            }
            """,

        // A long return, a long budget, an explicit subset of an enum, float and long choices, keyword-named parameters.
        ["LongBudgetSubsets"] = """
            using AttrHpo;
            namespace Demo;
            public enum Kernel { Linear = 1, Rbf = 2, Poly = 4 }
            public static partial class Svm
            {
                [Objective]
                public static long Fit(
                    [Hyperparameter(Kernel.Rbf, Kernel.Poly)] Kernel kernel,
                    [Hyperparameter(0.5f, 1.5f, 2.5f)] float gamma,
                    [Hyperparameter(10L, 100L, 1000L)] long cacheSize,
                    [Hyperparameter("a\"b", "c\\d")] string @class,
                    [Budget(10, 10000)] long iterations) => iterations;
            }
            """,

        // No hyperparameter at all: only injected parameters.
        ["OnlyInjected"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using AttrHpo;
            namespace Demo;
            public static partial class Baseline
            {
                [Objective]
                public static Task<int> MeasureAsync(TrialContext trial, CancellationToken cancellationToken) => Task.FromResult(trial.Number);
            }
            """,

        // An injected ILGPU accelerator: the shim passes the trial's leased device and says the objective needs one.
        ["AcceleratorInjected"] = """
            using ILGPU.Runtime;
            using AttrHpo;
            namespace Demo;
            public static partial class Kernels
            {
                [Objective]
                public static double Train([Hyperparameter(1e-4, 1.0, Log = true)] double learningRate, Accelerator accelerator, TrialContext trial) =>
                    learningRate * accelerator.MaxNumThreadsPerGroup;
            }
            """,

        // A GpuDevice parameter (any GPU library, no ILGPU) and a cancellation token: injected like the accelerator, and needs a lease.
        ["DeviceInjected"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using AttrHpo;
            namespace Demo;
            public static partial class Native
            {
                [Objective]
                public static Task<double> TrainAsync([Hyperparameter(1e-4, 1.0, Log = true)] double learningRate, GpuDevice device, CancellationToken cancellationToken) =>
                    Task.FromResult(learningRate * (device.Index + 1));
            }
            """,

        // [Objective(Gpu = true)] without an accelerator parameter: needs a lease all the same.
        ["GpuDeclared"] = """
            using AttrHpo;
            namespace Demo;
            public static partial class Kernels
            {
                [Objective(Gpu = true)]
                public static double Fit([Hyperparameter(1, 8)] int layers, TrialContext trial) => layers + trial.Accelerator.MaxNumThreadsPerGroup;
            }
            """,

        // An instance objective with a factory: Create(instance, options) runs on the instance, a worker on the factory's.
        ["InstanceFactory"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using AttrHpo;
            namespace Demo;
            public sealed partial class Trainer(double[] data)
            {
                [ObjectiveFactory]
                internal static Trainer Load() => new([1.0, 2.0]);

                [Objective]
                public Task<double> FitAsync([Hyperparameter(0.0, 4.0)] double shift, CancellationToken cancellationToken) =>
                    Task.FromResult(data[0] + shift);
            }
            """,

        // An instance objective without a factory: in process only; a worker's trial fails with a message naming the fix.
        ["InstanceNoFactory"] = """
            using AttrHpo;
            namespace Demo;
            public partial class Ranker
            {
                public int Offset { get; init; }

                [Objective(Direction.Maximize)]
                public int Rank([Hyperparameter(1, 9)] int depth) => depth + Offset;
            }
            """,
    };
}
