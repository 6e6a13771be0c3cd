using System.Globalization;

namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// The black box for the Optuna peer (<c>serve [--task breast-cancer|digits|digits-gbm]</c>): reads one JSON object of
/// parameters per line on stdin (see <see cref="BreastCancerTraining.ParseSettings"/>,
/// <see cref="DigitsTraining.ParseSettings"/> and <see cref="DigitsBoostedTraining.ParseSettings"/>) and answers each with
/// one line on stdout: the task's objective (the capped validation loss) as a round-trip number, or <c>error: message</c>.
/// The line <c>cap</c> answers the cap itself (the value of a diverged run). Ends at end of input.
/// </summary>
internal static class MlServe
{
    /// <summary>Serves <paramref name="task"/> (<see cref="MlTask.Names"/>); an unknown name is an error on stderr and exit code 2.</summary>
    public static async Task<int> RunAsync(TextReader input, TextWriter output, string task = MlTask.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        MlTask objective;
        try
        {
            objective = MlTask.Parse(task);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 2;
        }

        while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await output.WriteLineAsync(Answer(objective, line.Trim())).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }

        return 0;
    }

    public static string Answer(MlTask task, string line)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            var value = line == "cap" ? task.Cap : task.Evaluate(line);
            return value.ToString("R", CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return "error: " + exception.Message.ReplaceLineEndings(" ");
        }
    }
}
