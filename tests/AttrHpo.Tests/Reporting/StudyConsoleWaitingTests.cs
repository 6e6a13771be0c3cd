using System.Globalization;
using System.Text.RegularExpressions;
using AttrHpo.Tests.Support;
using Spectre.Console.Testing;

namespace AttrHpo.Tests.Reporting;

/// <summary>
/// A study whose only remaining work is trials running under another host's leases says so on the console, rather than seem
/// stuck: whose trials, how many, and until when their leases hold. Driven through a real SQLite file, with the other host's
/// worker played by the test on a connection of its own.
/// </summary>
public sealed class StudyConsoleWaitingTests : IDisposable
{
    private const string OtherHost = "host-b/1234";

    private readonly TempStudyFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task ThePanelShowsTheOtherHostsLeasedTrialsWhileTheyAreAllThatIsLeft()
    {
        using var console = new TestConsole();
        console.Interactive();
        console.Width(200);

        var (until, stored) = await RunWhileAnotherHostHoldsTwoTrialsAsync(console);

        var output = Squeeze(console.Output);
        Assert.Contains($"Waiting for 2 trials leased by {OtherHost} until {Shown(until)} (their lease ends then if that worker is gone)", output, StringComparison.Ordinal);
        var last = output[output.LastIndexOf('╭')..];
        Assert.DoesNotContain("Waiting", last, StringComparison.Ordinal); // the wait is over once their trials are told
        Assert.Contains("Status finished", last, StringComparison.Ordinal);
        Assert.Equal([OtherHost, OtherHost], stored.Where(t => t.Number < 2).Select(t => t.Worker));
        Assert.All(stored, t => Assert.Equal((TrialState.Complete, 1), (t.State, t.Starts)));
    }

    [Fact]
    public async Task RedirectedOutputGetsOneLineWhenTheWaitForAWorkerBegins()
    {
        using var console = new TestConsole();

        var (until, _) = await RunWhileAnotherHostHoldsTwoTrialsAsync(console);

        var waiting = console.Lines.Where(l => l.StartsWith("waiting for", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"waiting for 2 trials leased by {OtherHost} until {Shown(until)} (their lease ends then if that worker is gone)"], waiting);
        Assert.Equal(4, console.Lines.Count); // two trial lines, the waiting line, the summary
    }

    /// <summary>
    /// The other host starts trials 0 and 1 under a ten-minute lease; the study, to hold 4 trials, runs 2 and 3, then waits.
    /// Two seconds into the wait the other host tells its trials, and the study returns.
    /// </summary>
    private async Task<(DateTimeOffset Until, IReadOnlyList<TrialRecord> Stored)> RunWhileAnotherHostHoldsTwoTrialsAsync(TestConsole console)
    {
        var ours = 0;
        var oursRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var objective = TestObjective.FromTrial(t =>
        {
            if (Interlocked.Increment(ref ours) == 2)
            {
                oursRan.TrySetResult();
            }

            return t.Number;
        });
        var identity = new StudyIdentity(TestObjective.DefaultId, objective.Id, objective.Direction);
        var now = DateTimeOffset.UtcNow;
        var until = new DateTimeOffset(now.AddMinutes(10).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        await using var otherHost = StudyStorage.Sqlite(_file.Path);
        await otherHost.OpenStudyAsync(identity, CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            var started = await otherHost.StartTrialAsync(identity.Name, new TrialLease(OtherHost, now, until), int.MaxValue, CancellationToken.None);
            double[] point = [0.5, 0.5, 0.5, 0.5];
            await otherHost.SetParametersAsync(identity.Name, started!.Number, point, objective.DecodeToJson(point), 1, CancellationToken.None);
        }

        await using var storage = StudyStorage.Sqlite(_file.Path);
        var study = Study.Create(objective, new StudyOptions { Storage = storage });
        var display = new StudyConsoleOptions { Console = console, RefreshInterval = TimeSpan.FromMilliseconds(100) };

        var run = study.OptimizeWithConsoleAsync(StopCondition.TotalTrials(4), display: display);
        await oursRan.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(2));
        for (var number = 0; number < 2; number++)
        {
            await otherHost.FinishTrialAsync(identity.Name, number, new TrialEnd(TrialState.Complete, 0.5, null, DateTimeOffset.UtcNow, []), CancellationToken.None);
        }

        var result = await run.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(4, result.Count(TrialState.Complete));
        return (until, (await otherHost.GetChangesAsync(identity.Name, 0, CancellationToken.None)).Trials);
    }

    /// <summary>The lease's end as the display shows it: local time, with the date when it is not today's.</summary>
    private static string Shown(DateTimeOffset until)
    {
        var local = TimeZoneInfo.ConvertTime(until, TimeZoneInfo.Local);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.Local).Date;
        return local.ToString(local.Date == today ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static string Squeeze(string text) => Regex.Replace(text, " +", " ");
}
