using System.Globalization;
using AttrHpo;
using Npgsql;

namespace Cluster;

/// <summary>
/// The roles the throughput benchmarks use (docs/benchmarks.md): the same study run by processes that share it through
/// PostgreSQL alone, with no Orleans and no process in charge; and the time span of a study as PostgreSQL recorded it.
/// </summary>
internal static class Measurements
{
    /// <summary>
    /// Runs the study in this process with <c>--slots</c> trials at once until it holds <c>--trials</c> trials in all, with
    /// every other process on the same study: each claims trials, runs the sampler under the storage's sampler lock, and
    /// records results, as Optuna's RDB storage does.
    /// </summary>
    public static async Task<int> StandaloneAsync(SampleSettings settings)
    {
        await using var storage = StudyStorage.PostgreSql(settings.ConnectionString);
        var stop = StopCondition.TotalTrials(settings.Number("--trials", 20));
        var slots = settings.Number("--slots", 2);
        var options = new StudyOptions
        {
            Name = settings.Text("--study", "cluster-sample"),
            Storage = storage,
            Seed = (ulong)settings.Number("--seed", 42),
            Sampler = new SobolSampler(),
            LeaseDuration = TimeSpan.FromSeconds(settings.Number("--lease-seconds", 10)),
        };
        var trials = settings.Text("--objective", "trivial") switch
        {
            "trivial" => (await Bench.TrivialStudy.Create(options).OptimizeAsync(stop, slots)).Trials.Count,
            "sleep" => (await Bench.SleepStudy.Create(options).OptimizeAsync(stop, slots)).Trials.Count,
            "train" => (await Training.TrainStudy.Create(options).OptimizeAsync(stop, slots)).Trials.Count,
            var other => throw new ArgumentException($"--objective '{other}': use train, trivial or sleep."),
        };
        Console.WriteLine($"standalone done: the study holds {trials.ToString(CultureInfo.InvariantCulture)} trials");
        return 0;
    }

    /// <summary>
    /// Prints the study's completed trials, the time from the first trial's start to the last one's end as PostgreSQL
    /// recorded them (so process start-up is not counted), the trials per second over that span, and the mean trial length.
    /// </summary>
    public static async Task<int> SpanAsync(SampleSettings settings)
    {
        await using var database = NpgsqlDataSource.Create(settings.ConnectionString);
        await using var command = database.CreateCommand(
            """
            SELECT count(*), min(t.started::timestamptz), max(t.finished::timestamptz),
                   avg(extract(epoch FROM t.finished::timestamptz - t.started::timestamptz))
            FROM trials t JOIN studies s ON s.id = t.study_id WHERE s.name = $1 AND t.state = 'Complete'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = settings.Text("--study", "cluster-sample") });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var count = reader.GetInt64(0);
        if (count == 0)
        {
            Console.WriteLine("span: no completed trials");
            return 1;
        }

        var seconds = (reader.GetFieldValue<DateTimeOffset>(2) - reader.GetFieldValue<DateTimeOffset>(1)).TotalSeconds;
        var mean = Convert.ToDouble(reader.GetValue(3), CultureInfo.InvariantCulture);
        Console.WriteLine(FormattableString.Invariant(
            $"span: {count} complete in {seconds:F3} s, {count / seconds:F1} trials/s, mean trial {mean * 1000:F1} ms (start to end as stored)"));
        return 0;
    }
}
