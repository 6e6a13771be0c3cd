using System.Globalization;
using AttrHpo;

namespace QuickStart;

/// <summary>
/// Writes one line per finished trial. Reports synchronously, on the worker that finished the trial, under a lock:
/// unlike <see cref="Progress{T}"/>, which posts to the thread pool, every line is written before the study goes on
/// and lines never interleave.
/// </summary>
/// <param name="output">Where the lines go.</param>
public sealed class TrialPrinter(TextWriter output) : IProgress<Trial<DigitsTraining.TrainParameters>>
{
    private readonly Lock _gate = new();

    /// <summary>The parameters on one line, numbers rounded for reading.</summary>
    /// <param name="parameters">A trial's parameters.</param>
    public static string Describe(DigitsTraining.TrainParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"lr {parameters.LearningRate,8:0.00e+00}  hidden {parameters.HiddenUnits,3}  {parameters.Optimizer,-8}  {parameters.Activation,-7}  l2 {parameters.L2:0.0e+00}");
    }

    /// <inheritdoc />
    public void Report(Trial<DigitsTraining.TrainParameters> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var outcome = value.State == TrialState.Complete
            ? string.Create(CultureInfo.InvariantCulture, $"loss {value.Value,7:0.0000}")
            : $"{value.State.ToString().ToUpperInvariant(),-12}";
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"trial {value.Number,3}  {outcome}  {Describe(value.Parameters)}  {value.Duration?.TotalSeconds,4:0.0} s");
        if (value.Error is { } error)
        {
            line += $"{Environment.NewLine}           {error}";
        }

        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
