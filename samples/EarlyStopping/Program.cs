// EarlyStopping: the QuickStart classifier tuned with asynchronous successive halving on epochs (stop-or-continue form),
// beside a full-budget search of the same configurations. Prints the compute each spent (epochs trained) and the best
// validation loss each found.
//   dotnet run --project samples/EarlyStopping [-- --configs N --parallelism N --seed N]
using System.Globalization;
using AttrHpo;
using QuickStart;

int configs, parallelism;
ulong seed;
try
{
    configs = Argument("--configs", 27);
    parallelism = Argument("--parallelism", Environment.ProcessorCount);
    seed = (ulong)Argument("--seed", 42);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

_ = DigitsTraining.Data; // read the digits once, before any trial
Console.WriteLine($"{configs} configurations of the QuickStart classifier, {DigitsTraining.MaxEpochs} epochs each at most, seed {seed}, {parallelism} at a time.");
Console.WriteLine("Both searches draw the same configurations (same sampler, same seed); only early stopping differs.");
Console.WriteLine();

try
{
    // Rungs at epochs 1, 3, 9 and 27: at each, a trial goes on only if it is in the best third of the trials that reached it.
    var asha = await SearchAsync("ASHA", Pruning.SuccessiveHalving(minResource: 1, reductionFactor: 3));
    var full = await SearchAsync("Full budget", pruning: null);
    Console.WriteLine();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"ASHA trained {asha.Epochs} epochs, {(double)asha.Epochs / full.Epochs:P0} of the full-budget search's {full.Epochs}; " +
        $"its best validation loss is {asha.Best:0.0000} against {full.Best:0.0000}."));
    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

async Task<(int Epochs, double Best)> SearchAsync(string label, Pruning? pruning)
{
    var study = DigitsTraining.TrainStudy.Create(new StudyOptions { Name = label, Seed = seed, Pruning = pruning });
    var result = await study.OptimizeAsync(configs, parallelism, cancellationToken: cancellation.Token);
    var epochs = result.Trials.Sum(t => t.Record.Reports.Count);
    var pruned = result.Count(TrialState.Pruned);
    var stoppedAt = result.Trials.Where(t => t.State == TrialState.Pruned).GroupBy(t => t.Record.Reports.Count).OrderBy(g => g.Key)
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} after {g.Key}"));
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{label,-12} {epochs,5} epochs in {result.Elapsed.TotalSeconds,5:0.0} s; best validation loss {result.Best.Value:0.0000} (trial {result.Best.Number}); " +
        $"{pruned} stopped early{(pruned > 0 ? $" ({string.Join(", ", stoppedAt)} epochs)" : string.Empty)}."));
    return (epochs, result.Best.Value!.Value);
}

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    if (index < 0)
    {
        return fallback;
    }

    return index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : throw new ArgumentException($"{name} needs a positive integer. Usage: EarlyStopping [--configs N] [--parallelism N] [--seed N]");
}
