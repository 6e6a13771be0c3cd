// MlNet: ML.NET's LightGBM classifier tuned on the Wisconsin breast-cancer data with ASHA promotions along the number of
// trees, then refitted and scored on the held-out test split beside ML.NET's default LightGBM settings.
//   dotnet run --project samples/MlNet [-- --trials N --parallelism N --seed N]
using System.Globalization;
using AttrHpo;
using Microsoft.ML;
using MlNet;

int trials, parallelism;
ulong seed;
try
{
    trials = Argument("--trials", 100);
    parallelism = Argument("--parallelism", 1); // one at a time: ASHA's choices then do not depend on which trial ends first
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

var data = BoostedTrees.Data; // read the tumours once, before any trial
Console.WriteLine($"Breast cancer (Wisconsin): {data.Train.Count} training, {data.Validation.Count} validation, {data.Test.Count} test examples.");
Console.WriteLine(
    $"{trials} trials (promotions count), {parallelism} at a time, seed {seed}: ASHA on {BoostedTrees.MinTrees} to {BoostedTrees.MaxTrees} trees, " +
    "each trial scored by its validation log-loss.");

StudyResult<BoostedTrees.TrainParameters> result;
try
{
    // Rungs at 10, 30, 90 and 270 trees: a configuration in the best third of its rung is run again with three times the trees.
    var study = BoostedTrees.TrainStudy.Create(new StudyOptions { Name = "lightgbm", Seed = seed, Promotion = Promotion.Asha(reductionFactor: 3) });
    result = await study.OptimizeAsync(trials, parallelism, cancellationToken: cancellation.Token);
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

var complete = result.Trials.Where(t => t.State == TrialState.Complete).ToList();
var rungs = complete.GroupBy(t => t.Record.Budget ?? BoostedTrees.MaxTrees).OrderBy(g => g.Key)
    .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} at {g.Key}"));
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{complete.Count} complete ({string.Join(", ", rungs)} trees), {result.Count(TrialState.Failed)} failed, in {result.Elapsed.TotalSeconds:0.0} s."));
if (complete.Count == 0)
{
    Console.Error.WriteLine("No trial completed.");
    return 1;
}

var best = result.Best;
var parameters = best.Parameters;
var settings = new TreeSettings(parameters.LearningRate, parameters.Leaves, parameters.MinExamplesPerLeaf, parameters.L2, parameters.FeatureFraction);
var trees = (int)(best.Record.Budget ?? BoostedTrees.MaxTrees);
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"Best: trial {best.Number}, validation log-loss {best.Value:0.0000}: {trees} trees, learning rate {settings.LearningRate:0.0000}, " +
    $"{settings.Leaves} leaves, at least {settings.MinExamplesPerLeaf} examples per leaf, L2 {settings.L2:0.0000}, feature fraction {settings.FeatureFraction:0.00}."));

// Both models are refitted on the training + validation examples and look at the held-out test examples once.
var refit = data.Train.Concat(data.Validation).ToList();
var ml = new MLContext(seed: best.Record.Seed);
var tuned = BoostedTrees.Evaluate(ml, BoostedTrees.Fit(ml, settings, trees, best.Record.Seed, refit), data.Test);
var defaults = BoostedTrees.Evaluate(ml, BoostedTrees.FitDefault(ml, refit), data.Test);
Console.WriteLine();
Console.WriteLine($"Test split ({data.Test.Count} examples), both refitted on {refit.Count} training + validation examples:");
Console.WriteLine("                              log-loss    AUC      accuracy");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  tuned (AttrHpo, ASHA)       {tuned.LogLoss,8:0.0000}  {tuned.AreaUnderRocCurve,7:0.0000}  {tuned.Accuracy,8:P1}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ML.NET defaults             {defaults.LogLoss,8:0.0000}  {defaults.AreaUnderRocCurve,7:0.0000}  {defaults.Accuracy,8:P1}"));
return double.IsFinite(tuned.LogLoss) && double.IsFinite(defaults.LogLoss) ? 0 : 1;

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    if (index < 0)
    {
        return fallback;
    }

    return index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : throw new ArgumentException($"{name} needs a positive integer. Usage: MlNet [--trials N] [--parallelism N] [--seed N]");
}
