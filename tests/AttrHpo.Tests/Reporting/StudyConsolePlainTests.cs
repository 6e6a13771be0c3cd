using AttrHpo.Tests.Support;
using Spectre.Console.Testing;

namespace AttrHpo.Tests.Reporting;

/// <summary>
/// Redirected output (a CI log): one line per finished trial and a summary line, with nothing redrawn. Real studies on a
/// clock moved by the objective, so that durations and elapsed times are exact.
/// </summary>
public sealed class StudyConsolePlainTests
{
    private const string Parameters = "learningRate=0.001 dropout=0.3 layers=7 optimizer=adam";
    private static readonly TestParameters Known = new(0.001, 0.3, 7, "adam");

    [Fact]
    public async Task WritesOneLinePerFinishedTrialAndASummaryLine()
    {
        var clock = new ManualClock();
        var objective = new TestObjective((_, t, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(1.5));
            switch (t.Number)
            {
                case 1:
                    throw new InvalidOperationException("bad\nrate");
                case 3:
                    t.Report(1, 0.5);
                    t.Prune(); // pruned with its last value, which is never the best
                    break;
            }

            return ValueTask.FromResult(10.0 - t.Number);
        });
        var study = Study.Create(objective, new StudyOptions { Name = "plain", TimeProvider = clock });
        for (var i = 0; i < 4; i++)
        {
            await study.EnqueueAsync(Known);
        }

        using var console = new TestConsole(); // not interactive: Auto chooses plain lines
        var result = await study.OptimizeWithConsoleAsync(trials: 4, display: new StudyConsoleOptions { Console = console });

        Assert.Equal(2, result.Best.Number);
        Assert.Equal(
        [
            $"trial    0  complete             10    1.500 s  {Parameters}  (new best)",
            $"trial    1  failed                -    1.500 s  {Parameters}  error: System.InvalidOperationException: bad rate",
            $"trial    2  complete              8    1.500 s  {Parameters}  (new best)",
            $"trial    3  pruned              0.5    1.500 s  {Parameters}",
            $"study plain: finished 4 trials in 00:00:06 (2 complete, 1 failed, 1 pruned, 0 cancelled); best 8 (trial 2): {Parameters}",
        ],
        console.Lines);
        Assert.DoesNotContain('\u001b', console.Output);
    }

    [Fact]
    public async Task ASecondRunCountsTheFirstRunsTrialsAsEarlierOnes()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number), new StudyOptions { Name = "again", TimeProvider = new ManualClock() });
        await study.OptimizeAsync(trials: 2);

        using var console = new TestConsole();
        await study.OptimizeWithConsoleAsync(trials: 1, display: new StudyConsoleOptions { Console = console });

        Assert.Equal(2, console.Lines.Count);
        Assert.StartsWith("trial    2  complete              2", console.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith(
            "study again: finished 1 trial in 00:00:00 (1 complete, 0 failed, 0 pruned, 0 cancelled), 2 from earlier runs; best 0 (trial 0): learningRate=",
            console.Lines[1],
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationStillEndsWithASummaryLine()
    {
        using var cts = new CancellationTokenSource();
        var objective = new TestObjective(async (_, t, ct) =>
        {
            if (t.Number == 2)
            {
                await cts.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
            }

            return t.Number;
        });
        var study = Study.Create(objective, new StudyOptions { Name = "stopped", TimeProvider = new ManualClock() });
        using var console = new TestConsole();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => study.OptimizeWithConsoleAsync(trials: 10, display: new StudyConsoleOptions { Console = console }, cancellationToken: cts.Token));

        Assert.Equal(4, console.Lines.Count);
        Assert.StartsWith("trial    2  cancelled             -", console.Lines[2], StringComparison.Ordinal);
        Assert.StartsWith(
            "study stopped: cancelled after 3 trials in 00:00:00 (2 complete, 0 failed, 0 pruned, 1 cancelled); best 0 (trial 0): learningRate=",
            console.Lines[3],
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStudyThatFailsEndsWithASummaryLineThatNamesTheError()
    {
        var objective = new TestObjective((_, _, _) => throw new InvalidOperationException("no data"));
        var study = Study.Create(objective, new StudyOptions { Name = "broken", FailFastAfter = 2, TimeProvider = new ManualClock() });
        using var console = new TestConsole();

        var thrown = await Assert.ThrowsAsync<StudyFailedException>(
            () => study.OptimizeWithConsoleAsync(trials: 10, display: new StudyConsoleOptions { Console = console }));

        var summary = console.Lines[^1];
        Assert.Equal(3, console.Lines.Count);
        Assert.StartsWith("study broken: stopped after 2 trials in 00:00:00 (0 complete, 2 failed, 0 pruned, 0 cancelled); no complete trial; StudyFailedException: ", summary, StringComparison.Ordinal);
        Assert.EndsWith(thrown.Message.Replace('\n', ' '), summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainCanBeForcedOnAnInteractiveConsole()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number), new StudyOptions { Name = "forced", TimeProvider = new ManualClock() });
        using var console = new TestConsole();
        console.Interactive();

        await study.OptimizeWithConsoleAsync(trials: 2, display: new StudyConsoleOptions { Console = console, Mode = StudyDisplayMode.Plain });

        Assert.Equal(3, console.Lines.Count);
        Assert.StartsWith("study forced: finished 2 trials", console.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConsoleThatCannotBeWrittenStopsTheStudyAndSurfaces()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number), new StudyOptions { Name = "pipe" });
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(new BrokenPipe()),
            Interactive = Spectre.Console.InteractionSupport.No,
        });

        await Assert.ThrowsAsync<IOException>(
            () => study.OptimizeWithConsoleAsync(trials: 50, parallelism: 2, display: new StudyConsoleOptions { Console = console }));

        var trials = await study.GetTrialsAsync();
        Assert.InRange(trials.Count, 1, 3); // stopped at the first line, not run to 50
        Assert.All(trials, t => Assert.True(t.Record.IsFinished));
    }

    /// <summary>Standard output whose reader has gone away.</summary>
    private sealed class BrokenPipe : StringWriter
    {
        public override void Write(char value) => throw new IOException("Broken pipe");

        public override void Write(string? value) => throw new IOException("Broken pipe");

        public override void WriteLine(string? value) => throw new IOException("Broken pipe");

        public override Task WriteLineAsync(string? value) => throw new IOException("Broken pipe");
    }
}
