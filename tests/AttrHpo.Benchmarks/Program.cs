// Benchmarks of AttrHpo. Results and the commands that produced them are recorded in docs/benchmarks.md.
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- loop --storage memory --trials 100000   (or sqlite, sqlite-full)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- sweep --observations 500,2000 --candidates 100000 --devices managed,ilgpu-cpu,cuda
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- quality --function branin --sampler gp --budget 100 --batch 4 --seeds 10 --json out.json
//        [--path asktell|optimize|processes] [--trial-ms 0] [--processes 2]   (ask/tell batches, OptimizeAsync(parallelism: batch), or processes on one SQLite file)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- ml-quality --sampler gp --path optimize --seeds 5 --budget 60 --json gp-optimize.json   (real training, breast cancer MLP; --task digits: the held-out digits MLP; --task digits-gbm: LightGBM on the digits, also held out)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- serve [--task digits|digits-gbm]   (the trainer as a black box for peers/optuna_ml.py: parameters JSON per line in, loss per line out)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- bdn --filter '*StudyLoop*'   (BenchmarkDotNet)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- gp-cost --sizes 100,500,1000,2000 --repeats 3   (GP sampler's cost per batch)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- asha-scale [--seeds 10] [--target 0.003] (ASHA speed-up, simulated)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- asha-cost                     (ASHA cost per decision)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- gpu-executor [--trials 40] [--per-device 1] [--elements 4194304] [--left-mib 512] (GPU executor: leases, utilisation)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- gpu-utilisation [--trials 40] [--ms 50] [--elements 1048576] [--modes reuse,per-lease] (short GPU trials: busy / wall per slot)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- display [--trials 50000] [--parallelism 1] [--repeats 5] (console display's cost)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- dispatch [--trials 5000] [--repeats 3]     (executors' dispatch cost per trial)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- executor-overhead [--trials 2000] [--ms 100] [--slots 16] [--executors in-process,process]
using AttrHpo;
using AttrHpo.Benchmarks;
using AttrHpo.Benchmarks.Training;
using BenchmarkDotNet.Running;

// The process executor's workers are this program, started again in worker mode.
if (await WorkerHost.TryRunAsync(args))
{
    return 0;
}

var command = args.Length > 0 ? args[0] : "help";
string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static AttrHpo.GpCandidateSweep SweepNamed(string name) => name.ToUpperInvariant() switch
{
    "AUTO" => AttrHpo.GpCandidateSweep.Auto,
    "MANAGED" => AttrHpo.GpCandidateSweep.Managed,
    "CUDA" => AttrHpo.GpCandidateSweep.Cuda,
    "ILGPUCPU" => AttrHpo.GpCandidateSweep.IlgpuCpu,
    _ => throw new ArgumentException($"Unknown sweep '{name}': use auto, managed, cuda or ilgpucpu."),
};

static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
static int[] Ints(string text) => [.. text.Split(',').Select(Int)];

switch (command)
{
    case "loop":
        return await LoopRunner.RunAsync(Option("storage", "memory"), int.Parse(Option("trials", "100000"), System.Globalization.CultureInfo.InvariantCulture), int.Parse(Option("repeats", "5"), System.Globalization.CultureInfo.InvariantCulture), args.Contains("--reports"));
    case "sweep":
        return SweepRunner.Run(Ints(Option("observations", "500,2000")), Int(Option("candidates", "100000")), Int(Option("dimensions", "6")), Option("devices", "managed,ilgpu-cpu").Split(','), Int(Option("repeats", "3")));
    case "quality":
        return await QualityRunner.RunAsync(
            Option("function", "branin"), Option("sampler", "random"), Int(Option("budget", "100")), Int(Option("batch", "4")), Int(Option("seeds", "10")),
            Option("json", "") is { Length: > 0 } json ? json : null,
            new QualitySettings(QualitySettings.ParsePath(Option("path", "asktell")), Int(Option("trial-ms", "0")), Int(Option("processes", "2"))));
    case "quality-worker":
        return await QualityProcesses.WorkAsync(
            Option("file", ""), Option("function", "branin"), Option("sampler", "gp"), Int(Option("seed", "0")), Int(Option("budget", "100")), Int(Option("parallelism", "4")), Int(Option("trial-ms", "0")));
    case "ml-quality":
        return await MlQualityRunner.RunAsync(Option("sampler", "gp"), Option("path", "optimize"), Int(Option("seeds", "5")), Int(Option("budget", "60")), Int(Option("parallelism", "4")), Option("json", "") is { Length: > 0 } mlJson ? mlJson : null, Option("trace", "") is { Length: > 0 } trace ? trace : null, Option("task", MlTask.DefaultName), Int(Option("timing", "0")));
    case "serve":
        return await MlServe.RunAsync(Console.In, Console.Out, Option("task", MlTask.DefaultName));
    case "display":
        return await DisplayRunner.RunAsync(int.Parse(Option("trials", "50000"), System.Globalization.CultureInfo.InvariantCulture), int.Parse(Option("parallelism", "1"), System.Globalization.CultureInfo.InvariantCulture), int.Parse(Option("repeats", "5"), System.Globalization.CultureInfo.InvariantCulture));
    case "asha-scale":
        AshaScaleRunner.Run(int.Parse(Option("seeds", "10"), System.Globalization.CultureInfo.InvariantCulture), double.Parse(Option("target", "0.003"), System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case "asha-cost":
        AshaScaleRunner.Cost();
        return 0;
    case "dispatch":
        return await ExecutorRunner.DispatchAsync(Int(Option("trials", "5000")), Int(Option("repeats", "3")));
    case "executor-overhead":
        return await ExecutorRunner.OverheadAsync(Int(Option("trials", "2000")), Int(Option("ms", "100")), Int(Option("slots", "16")), Option("executors", "in-process,process").Split(','));
    case "gpu-executor":
        return await GpuExecutorRunner.RunAsync(Int(Option("trials", "40")), Int(Option("per-device", "1")), Int(Option("elements", "4194304")), (long)Int(Option("left-mib", "512")) << 20);
    case "gpu-utilisation":
        return await GpuUtilisationRunner.RunAsync(Int(Option("trials", "40")), Int(Option("ms", "50")), Int(Option("elements", "1048576")), Option("modes", "reuse,per-lease").Split(','));
    case "bdn":
        BenchmarkSwitcher.FromAssembly(typeof(StudyLoopBenchmarks).Assembly).Run(args[1..]);
        return 0;
    case "gp-cost":
        return GpCostRunner.Run(Ints(Option("sizes", "100,500,1000,2000")), Int(Option("repeats", "3")), SweepNamed(Option("device", "Auto")), Enum.Parse<AttrHpo.GpOutputTransform>(Option("transform", "Auto"), ignoreCase: true));
    default:
        Console.WriteLine($"usage: loop [--storage {BenchmarkStorage.Kinds}] [--trials N] [--repeats N] [--reports] | asha-scale [--seeds N] [--target LOSS] | asha-cost | display [--trials N] [--parallelism N] [--repeats N] | sweep [--observations N,N] [--candidates M] [--dimensions D] [--devices managed,ilgpu-cpu,cuda] [--repeats N] | quality [--function NAME|all|heldout] [--sampler random|sobol|gp|gp-none|gp-map|...] [--budget N] [--batch N] [--seeds N] [--json PATH] [--path asktell|optimize|processes] [--trial-ms N] [--processes N] | ml-quality [--task breast-cancer|digits|digits-gbm] [--sampler random|sobol|gp] [--path optimize|asktell|simasync] [--timing N] [--seeds N] [--budget N] [--parallelism N] [--json PATH] [--trace PATH.jsonl] | serve [--task breast-cancer|digits|digits-gbm] | gp-cost [--sizes 100,500] [--repeats N] [--device Auto|Managed|IlgpuCpu|Cuda] [--transform Auto|None|...] | dispatch [--trials N] [--repeats N] | executor-overhead [--trials N] [--ms N] [--slots N] [--executors in-process,process] | gpu-executor [--trials N] [--per-device N] [--elements N] [--left-mib N] | gpu-utilisation [--trials N] [--ms N] [--elements N] [--modes reuse,per-lease] | bdn [BenchmarkDotNet arguments]");
        return command == "help" ? 0 : 2;
}
