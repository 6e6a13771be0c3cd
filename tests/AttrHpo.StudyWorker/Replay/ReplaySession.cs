using System.Globalization;

namespace AttrHpo.StudyWorker;

/// <summary>
/// Replays pruning events on a study in a SQLite file, one command line at a time: <c>ask</c> (answers <c>asked N</c>),
/// <c>report N STEP VALUE</c> (answers <c>prune true|false</c>), <c>tell N pruned</c> or <c>tell N complete VALUE</c>
/// (answers <c>told</c>). A fresh session opens a new storage and a new study object for every command, as a process
/// started between events would; otherwise one study object serves every command.
/// </summary>
/// <param name="file">The SQLite file.</param>
/// <param name="pruning">The rule: <c>sh:MIN:FACTOR:RATE</c>, <c>hyperband:MIN:MAX:FACTOR</c> or <c>median:STARTUP:WARMUP</c>.</param>
/// <param name="maximize">Whether reported values are scores (larger is better) rather than losses.</param>
/// <param name="fresh">A new storage and study object for every command.</param>
public sealed class ReplaySession(string file, string pruning, bool maximize, bool fresh) : IAsyncDisposable
{
    private IStudyStorage? _storage;
    private Study<ReplayObjectives.LossParameters>? _loss;
    private Study<ReplayObjectives.ScoreParameters>? _score;

    /// <summary>Runs one command and returns its answer.</summary>
    public async Task<string> RunAsync(string command)
    {
        if (fresh)
        {
            await DisposeAsync();
        }

        _storage ??= StudyStorage.Sqlite(file);
        var options = new StudyOptions { Storage = _storage, Name = "replay", Seed = 11, Pruning = Rule(pruning) };
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return maximize
            ? await RunAsync(_score ??= ReplayObjectives.ScoreStudy.Create(options), words)
            : await RunAsync(_loss ??= ReplayObjectives.LossStudy.Create(options), words);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        (_loss, _score) = (null, null);
        if (_storage is { } storage)
        {
            _storage = null;
            await storage.DisposeAsync();
        }
    }

    private static async Task<string> RunAsync<T>(Study<T> study, string[] words)
        where T : notnull
    {
        static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
        static double Real(string text) => double.Parse(text, CultureInfo.InvariantCulture);
        switch (words)
        {
            case ["ask"]:
                return $"asked {(await study.AskAsync()).Number}";
            case ["report", var number, var step, var value]:
                var prune = await study.ReportAsync(Int(number), long.Parse(step, CultureInfo.InvariantCulture), Real(value));
                return prune ? "prune true" : "prune false";
            case ["tell", var number, "pruned"]:
                await study.TellAsync(Int(number), TrialState.Pruned);
                return "told";
            case ["tell", var number, "complete", var value]:
                await study.TellAsync(Int(number), Real(value));
                return "told";
            default:
                throw new ArgumentException($"Unknown replay command '{string.Join(' ', words)}': use ask, report N STEP VALUE, tell N pruned, tell N complete VALUE.");
        }
    }

    private static Pruning Rule(string spec)
    {
        var parts = spec.Split(':');
        long Part(int i) => long.Parse(parts[i], CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            "sh" => Pruning.SuccessiveHalving(Part(1), (int)Part(2), (int)Part(3)),
            "hyperband" => Pruning.Hyperband(Part(1), Part(2), (int)Part(3)),
            "median" => Pruning.Median((int)Part(1), Part(2)),
            _ => throw new ArgumentException($"Unknown pruning '{spec}': use sh:MIN:FACTOR:RATE, hyperband:MIN:MAX:FACTOR or median:STARTUP:WARMUP."),
        };
    }
}
