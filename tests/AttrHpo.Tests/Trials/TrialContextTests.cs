using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Trials;

public sealed class TrialContextTests
{
    [Fact]
    public void ReportsAreKeptInOrder()
    {
        var trial = TrialFactory.Context();
        trial.Report(1, 0.9);
        trial.Report(2, 0.5);
        trial.Report(10, 0.25);
        Assert.Equal([new IntermediateValue(1, 0.9), new IntermediateValue(2, 0.5), new IntermediateValue(10, 0.25)], trial.Reports);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    [InlineData(-1)]
    public void StepsMustIncrease(long step)
    {
        var trial = TrialFactory.Context(number: 3);
        trial.Report(5, 1.0);
        var error = Assert.Throws<ArgumentException>(() => trial.Report(step, 0.5));
        Assert.Equal("step", error.ParamName);
        Assert.Contains("Trial 3", error.Message);
        Assert.Contains($"step {step} was reported after step 5", error.Message);
        Assert.Single(trial.Reports);
    }

    [Fact]
    public void ReportsIsASnapshot()
    {
        var trial = TrialFactory.Context();
        trial.Report(0, 1.0);
        var snapshot = trial.Reports;
        trial.Report(1, 2.0);
        Assert.Single(snapshot);
        Assert.Equal(2, trial.Reports.Count);
    }

    [Fact]
    public void ConcurrentReportersNeverBreakTheOrder()
    {
        var trial = TrialFactory.Context();
        long next = 0;
        Parallel.For(0, 1000, _ =>
        {
            lock (trial)
            {
                trial.Report(Interlocked.Increment(ref next), 0);
            }
        });
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), trial.Reports.Select(r => r.Step));
    }

    [Fact]
    public void IdentifiesTheTrial()
    {
        var trial = TrialFactory.Context(number: 12, study: "mnist");
        Assert.Equal("mnist#12", trial.Id);
        Assert.Equal(12, trial.Number);
        Assert.Equal("mnist", trial.StudyName);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrialFactory.Context(number: -1));
    }
}
