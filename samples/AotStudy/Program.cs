// A study that runs as a native binary: the GP sampler on a SQLite file with the console display, then the same
// objective in worker processes started from this binary. Usage: AotStudy [FILE] (default aot-study.db).
using System.Globalization;
using AttrHpo;

if (await WorkerHost.TryRunAsync(args))
{
    return 0;
}

var path = args.Length > 0 ? args[0] : "aot-study.db";
await using var storage = StudyStorage.Sqlite(path);

// In process: the GP sampler, four trials at a time, shown live (plain lines when redirected).
var inProcess = Shapes.BraninStudy.Create(new StudyOptions { Name = "aot-gp", Seed = 7, Storage = storage, Sampler = new GpSampler() });
var gp = await inProcess.OptimizeWithConsoleAsync(trials: 16, parallelism: 4);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gp: {gp.Trials.Count} trials, best {gp.Best.Value:F4} at x1={gp.Best.Parameters.X1:F3}, x2={gp.Best.Parameters.X2:F3}"));

// In worker processes started from this same binary: each trial records the process that ran it.
await using var workers = new ProcessExecutor(new ProcessExecutorOptions { Slots = 2 });
var outOfProcess = Shapes.BraninStudy.Create(new StudyOptions { Name = "aot-workers", Seed = 7, Storage = storage, Executor = workers });
var processes = await outOfProcess.OptimizeAsync(trials: 4, parallelism: 2);
var pids = processes.Trials.Select(t => t.Record.Attributes.GetValueOrDefault("pid")).Distinct().ToList();
var elsewhere = pids.All(p => p is not null && p != Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers: {processes.Trials.Count} trials in {pids.Count} worker processes, none in this one: {elsewhere}"));
return gp.Trials.Count == 16 && processes.Trials.Count == 4 && elsewhere ? 0 : 1;

/// <summary>The Branin function (minimum 0.397887), a classic two-dimensional test of samplers.</summary>
public static partial class Shapes
{
    [Objective]
    public static double Branin([Hyperparameter(-5.0, 10.0)] double x1, [Hyperparameter(0.0, 15.0)] double x2, TrialContext trial)
    {
        trial.SetAttribute("pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var b = 5.1 / (4 * Math.PI * Math.PI);
        var c = 5 / Math.PI;
        var t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - (b * x1 * x1) + (c * x1) - 6, 2) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }
}
