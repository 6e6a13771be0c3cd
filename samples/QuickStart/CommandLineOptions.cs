using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QuickStart;

/// <summary>The sample's command line: <c>[--trials N] [--parallelism N] [--seed N]</c>.</summary>
/// <param name="Trials">How many trials the study runs.</param>
/// <param name="Parallelism">How many trials run at once.</param>
/// <param name="Seed">The study's seed: the same seed runs the same trials.</param>
public sealed record CommandLineOptions(int Trials, int Parallelism, ulong Seed)
{
    /// <summary>How to call the program.</summary>
    public const string Usage =
        "Usage: QuickStart [--trials N] [--parallelism N] [--seed N]\n" +
        "  --trials N        trials to run (default 24)\n" +
        "  --parallelism N   trials at once (default: the number of processors)\n" +
        "  --seed N          the study's seed (default 42)";

    /// <summary>The options when none are given.</summary>
    public static CommandLineOptions Default => new(24, Environment.ProcessorCount, 42);

    /// <summary>Reads the options; on failure <paramref name="error"/> says what is wrong.</summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="options">The options read, or <see langword="null"/> on failure or when help was asked for.</param>
    /// <param name="error">What is wrong, or <see langword="null"/>.</param>
    /// <returns>Whether the program should run.</returns>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out CommandLineOptions? options, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = null;
        error = null;
        var result = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                return false;
            }

            if (name is not ("--trials" or "--parallelism" or "--seed"))
            {
                error = $"Unknown argument '{name}'.";
                return false;
            }

            var value = i + 1 < args.Count ? args[++i] : string.Empty;
            if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || (name != "--seed" && number is 0 or > int.MaxValue))
            {
                error = $"{name} needs {(name == "--seed" ? "a non-negative" : "a positive")} integer, not '{value}'.";
                return false;
            }

            result = name switch
            {
                "--trials" => result with { Trials = (int)number },
                "--parallelism" => result with { Parallelism = (int)number },
                _ => result with { Seed = number },
            };
        }

        options = result;
        return true;
    }
}
