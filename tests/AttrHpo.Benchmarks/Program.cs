// Benchmarks of AttrHpo. Results and the commands that produced them are recorded in docs/benchmarks.md.
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- loop --storage memory --trials 100000
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- sweep --observations 500,2000 --candidates 100000 --devices managed,ilgpu-cpu,cuda
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- quality --function branin --sampler gp --budget 100 --batch 4 --seeds 10 --json out.json
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- bdn --filter '*StudyLoop*'   (BenchmarkDotNet)
//   dotnet run -c Release --project tests/AttrHpo.Benchmarks -- gp-cost --sizes 100,500,1000,2000 --repeats 3   (GP sampler's cost per batch)
using AttrHpo.Benchmarks;
using BenchmarkDotNet.Running;

var command = args.Length > 0 ? args[0] : "help";
string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
static int[] Ints(string text) => [.. text.Split(',').Select(Int)];

switch (command)
{
    case "loop":
        return await LoopRunner.RunAsync(Option("storage", "memory"), int.Parse(Option("trials", "100000"), System.Globalization.CultureInfo.InvariantCulture), int.Parse(Option("repeats", "5"), System.Globalization.CultureInfo.InvariantCulture));
    case "sweep":
        return SweepRunner.Run(Ints(Option("observations", "500,2000")), Int(Option("candidates", "100000")), Int(Option("dimensions", "6")), Option("devices", "managed,ilgpu-cpu").Split(','), Int(Option("repeats", "3")));
    case "quality":
        return await QualityRunner.RunAsync(Option("function", "branin"), Option("sampler", "random"), Int(Option("budget", "100")), Int(Option("batch", "4")), Int(Option("seeds", "10")), Option("json", "") is { Length: > 0 } json ? json : null);
    case "bdn":
        BenchmarkSwitcher.FromAssembly(typeof(StudyLoopBenchmarks).Assembly).Run(args[1..]);
        return 0;
    case "gp-cost":
        return GpCostRunner.Run(
            [.. Option("sizes", "100,500,1000,2000").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))],
            int.Parse(Option("repeats", "3"), System.Globalization.CultureInfo.InvariantCulture),
            Enum.Parse<AttrHpo.GpSweepDevice>(Option("device", "Auto"), ignoreCase: true));
    default:
        Console.WriteLine("usage: loop [--storage memory] [--trials N] [--repeats N] | sweep [--observations N,N] [--candidates M] [--dimensions D] [--devices managed,ilgpu-cpu,cuda] [--repeats N] | quality [--function NAME|all] [--sampler random|sobol|gp] [--budget N] [--batch N] [--seeds N] [--json PATH] | gp-cost [--sizes 100,500] [--repeats N] [--device Auto|Managed|IlgpuCpu|Cuda] | bdn [BenchmarkDotNet arguments]");
        return command == "help" ? 0 : 2;
}
