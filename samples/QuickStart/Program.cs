// QuickStart: a hyperparameter study of a small neural network on handwritten digits, shown live in the console
// (one line per trial when the output is redirected).
//   dotnet run --project samples/QuickStart [-- --trials N --parallelism N --seed N --db PATH --study NAME --fresh --no-baseline]
// Trials are kept in a SQLite file (quickstart.db): run it again and the study continues where it stopped (Ctrl+C included),
// up to --trials in all (StopCondition.TotalTrials: a finished study runs nothing more; raise --trials to go on).
// The study's sampler is the Gaussian-process one, with 4 trials at a time; random search then runs on the same budget (the study
// NAME-random in the same file) so that you can see what the model bought.
// The study tunes DigitsTraining.Train (see DigitsTraining.cs); the AttrHpo generator turns its attributes
// into DigitsTraining.TrainParameters and DigitsTraining.TrainStudy at build time.
using System.Diagnostics;
using AttrHpo;
using QuickStart;

if (!CommandLineOptions.TryParse(args, out var options, out var error))
{
    if (error is not null)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine(CommandLineOptions.Usage);
    return error is null ? 0 : 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop the study cleanly: running trials are cancelled and recorded
    cancellation.Cancel();
};

var clock = Stopwatch.StartNew();
DigitsData data;
try
{
    data = DigitsTraining.Data; // read the file once, before any trial
}
catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Could not read the digits: {exception.Message}");
    return 1;
}

Console.WriteLine($"Digits: {data.Train.Count} training, {data.Validation.Count} validation, {data.Test.Count} test examples.");
var studyName = options.Fresh ? $"{options.StudyName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}" : options.StudyName;
IStudyStorage storage;
try
{
    storage = StudyStorage.Open(options.Database.Equals("memory:", StringComparison.OrdinalIgnoreCase) || options.Database.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)
        ? options.Database
        : "sqlite:" + options.Database,
        SqliteLocations.Opener);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

StudyResult<DigitsTraining.TrainParameters> result;
StudyResult<DigitsTraining.TrainParameters>? baseline = null;
try
{
    await using var owned = storage;
    using var gp = new GpSampler();
    var study = DigitsTraining.TrainStudy.Create(new StudyOptions { Name = studyName, Seed = options.Seed, Storage = storage, Sampler = gp });
    var earlier = await study.GetTrialsAsync(cancellation.Token);
    var where = storage is SqliteStudyStorage sqlite ? $"in {sqlite.Path}" : "in memory";
    Console.WriteLine(earlier.Count == 0
        ? $"Study '{studyName}' {where}: new; {options.Trials} trials, {options.Parallelism} at a time, seed {options.Seed}."
        : $"Study '{studyName}' {where}: continuing from {earlier.Count(t => t.Record.IsFinished && t.State != TrialState.Cancelled)} finished trials, up to {options.Trials} in all (--fresh starts a new study).");
    Console.WriteLine($"Objective: validation cross-entropy after {DigitsTraining.MaxEpochs} epochs.");
    Console.WriteLine();
    result = await study.OptimizeWithConsoleAsync(StopCondition.TotalTrials(options.Trials), options.Parallelism, cancellationToken: cancellation.Token);
    if (options.Baseline)
    {
        Console.WriteLine();
        Console.WriteLine($"Random search on the same budget ({options.Trials} trials, {options.Parallelism} at a time, study '{studyName}-random')...");
        var random = DigitsTraining.TrainStudy.Create(new StudyOptions { Name = $"{studyName}-random", Seed = options.Seed, Storage = storage });
        baseline = await random.OptimizeAsync(StopCondition.TotalTrials(options.Trials), options.Parallelism, cancellationToken: cancellation.Token);
    }
}
catch (StudyFailedException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
catch (StudyStorageException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled: the finished trials are kept; run the same command again to continue.");
    return 130;
}

var best = result.Best;
Console.WriteLine();
Console.WriteLine(
    $"{result.Count(TrialState.Complete)} complete, {result.Count(TrialState.Failed)} failed, {result.Count(TrialState.Cancelled)} cancelled " +
    $"in {result.Elapsed.TotalSeconds:F1} s.");
Console.WriteLine($"Best: trial {best.Number}, validation loss {best.Value:F4}");
Console.WriteLine($"      {TrialPrinter.Describe(best.Parameters)}");
if (baseline is not null)
{
    var random = baseline.Best.Value!.Value;
    var gpBest = best.Value!.Value;
    Console.WriteLine(
        $"Random search's best on the same budget: validation loss {random:F4} (trial {baseline.Best.Number}); the GP's best is " +
        (gpBest <= random ? $"{(random - gpBest) / random:P0} lower." : $"{(gpBest - random) / random:P0} higher: at this budget the model did not pay off."));
}

// Refit the best configuration, with the best trial's own seed, on training + validation examples, for as many epochs as it ran,
// and look at the held-out test examples once.
var parameters = best.Parameters;
var epochs = best.Record.Reports.Count > 0 ? (int)best.Record.Reports[^1].Step : DigitsTraining.MaxEpochs;
var settings = new TrainingSettings(parameters.LearningRate, parameters.HiddenUnits, parameters.Optimizer, parameters.Activation, parameters.L2, epochs);
var refitData = data.Train.Concat(data.Validation);
try
{
    var network = Trainer.Fit(refitData, settings, seed: best.Record.Seed, cancellationToken: cancellation.Token);
    var accuracy = network.Accuracy(data.Test);
    Console.WriteLine(
        $"Retrained on {refitData.Count} training + validation examples for {epochs} epochs: " +
        $"test accuracy {accuracy:P2} ({Math.Round(accuracy * data.Test.Count)}/{data.Test.Count}), test loss {network.Loss(data.Test):F4}.");
}
catch (TrainingDivergedException exception)
{
    Console.Error.WriteLine($"Retraining the best configuration failed: {exception.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

Console.WriteLine($"Total {clock.Elapsed.TotalSeconds:F1} s.");
return 0;
