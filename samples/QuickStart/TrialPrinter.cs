using System.Globalization;

namespace QuickStart;

/// <summary>A trial's parameters on one line, for the summary after the study (the study's own display shows each trial).</summary>
public static class TrialPrinter
{
    /// <summary>The parameters on one line, numbers rounded for reading.</summary>
    /// <param name="parameters">A trial's parameters.</param>
    public static string Describe(DigitsTraining.TrainParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"lr {parameters.LearningRate,8:0.00e+00}  hidden {parameters.HiddenUnits,3}  {parameters.Optimizer,-8}  {parameters.Activation,-7}  l2 {parameters.L2:0.0e+00}");
    }
}
