using AttrHpo.Tests.Support;
using Spectre.Console.Testing;

namespace AttrHpo.Tests.Reporting;

/// <summary>Bad arguments are refused before anything is shown or run, with a message that names the fix.</summary>
public sealed class StudyConsoleArgumentTests
{
    [Fact]
    public async Task ZeroParallelismIsRefusedBeforeAnythingRuns()
    {
        var ran = 0;
        var study = Study.Create(TestObjective.FromTrial(_ => Interlocked.Increment(ref ran)));
        using var console = new TestConsole();

        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => study.OptimizeWithConsoleAsync(trials: 3, parallelism: 0, display: new StudyConsoleOptions { Console = console }));

        Assert.Equal("parallelism", thrown.ParamName);
        Assert.Equal(0, ran);
        Assert.Empty(console.Output);
    }

    [Fact]
    public async Task ZeroTrialsAreRefused()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number));

        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => study.OptimizeWithConsoleAsync(trials: 0));

        Assert.Equal("trials", thrown.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(120_000)]
    public async Task ARefreshIntervalOutsideItsRangeIsRefusedWithTheRange(int milliseconds)
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number));
        using var console = new TestConsole();
        var display = new StudyConsoleOptions { Console = console, RefreshInterval = TimeSpan.FromMilliseconds(milliseconds) };

        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => study.OptimizeWithConsoleAsync(trials: 3, display: display));

        Assert.Contains("StudyConsoleOptions.RefreshInterval", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("from 20 ms to 1 minute", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(await study.GetTrialsAsync());
    }

    [Fact]
    public async Task AnUndefinedModeIsRefused()
    {
        var study = Study.Create(TestObjective.FromTrial(t => t.Number));
        using var console = new TestConsole();
        var display = new StudyConsoleOptions { Console = console, Mode = (StudyDisplayMode)7 };

        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => study.OptimizeWithConsoleAsync(trials: 3, display: display));

        Assert.Contains("use Auto, Live or Plain", thrown.Message, StringComparison.Ordinal);
    }
}
