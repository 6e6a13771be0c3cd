using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace QuickStart;

/// <summary>The sample's command line: <c>[--trials N] [--parallelism N] [--seed N] [--db PATH] [--study NAME] [--fresh] [--no-baseline]</c>.</summary>
/// <param name="Trials">How many trials the study holds when done (earlier runs' trials count).</param>
/// <param name="Parallelism">How many trials run at once.</param>
/// <param name="Seed">The study's seed: the same seed runs the same trials.</param>
/// <param name="Database">Where the trials are kept: a SQLite file, or <c>memory:</c>.</param>
/// <param name="StudyName">The study's name in the file.</param>
/// <param name="Fresh">Start a new study (named after the time) instead of continuing <paramref name="StudyName"/>.</param>
public sealed record CommandLineOptions(int Trials, int Parallelism, ulong Seed, string Database, string StudyName, bool Fresh)
{
    /// <summary>Also run random search on the same budget (the study <c>NAME-random</c>) and compare the two bests.</summary>
    public bool Baseline { get; init; } = true;

    /// <summary>How to call the program.</summary>
    public const string Usage =
        "Usage: QuickStart [--trials N] [--parallelism N] [--seed N] [--db PATH] [--study NAME] [--fresh] [--no-baseline]\n" +
        "  --trials N        trials the study holds when done; a study run again continues up to N (default 24)\n" +
        "  --parallelism N   trials at once (default: 4)\n" +
        "  --seed N          the study's seed (default 42)\n" +
        "  --db PATH         the SQLite file that keeps the trials, or memory: (default quickstart.db)\n" +
        "  --study NAME      the study's name in the file (default digits)\n" +
        "  --fresh           start a new study, named after the current time, instead of continuing NAME\n" +
        "  --no-baseline     skip random search on the same budget (the study NAME-random), run to compare with the GP";

    /// <summary>The options when none are given.</summary>
    public static CommandLineOptions Default => new(24, 4, 42, "quickstart.db", "digits", Fresh: false);

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
            switch (name)
            {
                case "--help" or "-h":
                    return false;
                case "--fresh":
                    result = result with { Fresh = true };
                    continue;
                case "--no-baseline":
                    result = result with { Baseline = false };
                    continue;
                case "--db" or "--study":
                    var text = i + 1 < args.Count ? args[++i].Trim() : string.Empty;
                    if (text.Length == 0 || text.StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"{name} needs a {(name == "--db" ? "file path (or memory:)" : "name")}.";
                        return false;
                    }

                    result = name == "--db" ? result with { Database = text } : result with { StudyName = text };
                    continue;
                case "--trials" or "--parallelism" or "--seed":
                    break;
                default:
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
