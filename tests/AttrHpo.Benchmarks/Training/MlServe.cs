using System.Globalization;

namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// The black box for the Optuna peer (<c>serve</c>): reads one JSON object of parameters per line on stdin (see
/// <see cref="BreastCancerTraining.ParseSettings"/>) and answers each with one line on stdout: the objective (the capped
/// validation log loss) as a round-trip number, or <c>error: message</c>. The line <c>cap</c> answers the cap itself
/// (the value of a diverged run). Ends at end of input.
/// </summary>
internal static class MlServe
{
    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await output.WriteLineAsync(Answer(line.Trim())).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }

        return 0;
    }

    public static string Answer(string line)
    {
        try
        {
            var value = line == "cap"
                ? MlpTrainer.CapFactor * MlpTrainer.ConstantPredictorLoss(BreastCancerData.Default)
                : BreastCancerTraining.Evaluate(BreastCancerTraining.ParseSettings(line)).Objective;
            return value.ToString("R", CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return "error: " + exception.Message.ReplaceLineEndings(" ");
        }
    }
}
