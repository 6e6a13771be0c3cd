namespace AttrHpo.Tests.Scheduling;

/// <summary>The promotion form of ASHA: rung budgets, when promotions happen, and its invariants under random interleavings.</summary>
public sealed class AshaSchedulerTests
{
    [Fact]
    public void RungBudgetsGrowByEtaUpToTheMaximum()
    {
        Assert.Equal([1L, 3, 9, 27, 81], new AshaScheduler(1, 100, 3).RungBudgets);
        Assert.Equal([4L, 8, 16], new AshaScheduler(1, 16, 2, minEarlyStoppingRate: 2).RungBudgets);
        Assert.Equal([5L], new AshaScheduler(5, 5).RungBudgets);
        Assert.Equal("maxBudget", Assert.Throws<ArgumentOutOfRangeException>(() => new AshaScheduler(10, 5)).ParamName);
    }

    [Fact]
    public void TheBestOfEachEtaResultsIsPromotedFromTheTopRungDown()
    {
        var asha = new AshaScheduler(1, 9, 3);
        double[] losses = [0.5, 0.2, 0.9];
        for (var i = 0; i < 3; i++)
        {
            var job = asha.Next();
            Assert.Equal(new AshaJob(i, 0, 1, false), job);
            asha.Report(job.Config, 0, losses[i]);
        }

        Assert.Equal(new AshaJob(1, 1, 3, true), asha.Next()); // config 1 is the best third of rung 0
        Assert.Equal(new AshaJob(3, 0, 1, false), asha.Next()); // nothing else due: a new configuration
        asha.Report(1, 1, 0.1);
        asha.Report(3, 0, 0.05);
        Assert.Equal(new AshaJob(3, 1, 3, true), asha.Next()); // rung 1's top is empty (1 result); rung 0's top is now config 3
        Assert.Equal(new AshaJob(4, 0, 1, false), asha.Next());
    }

    [Fact]
    public void NoConfigurationIsPromotedTwiceAndTheFractionPromotedTendsToOneOverEta()
    {
        var asha = new AshaScheduler(1, 27, 3);
        var random = new Random(11);
        var running = new List<AshaJob>();
        var promotedFrom = new HashSet<(int Config, int Rung)>();
        for (var step = 0; step < 30_000; step++)
        {
            if (running.Count < 16)
            {
                var job = asha.Next();
                if (job.IsPromotion)
                {
                    Assert.True(promotedFrom.Add((job.Config, job.Rung - 1)), $"Configuration {job.Config} was promoted from rung {job.Rung - 1} twice.");
                }

                running.Add(job);
                continue;
            }

            var index = random.Next(running.Count);
            var done = running[index];
            running.RemoveAt(index);
            asha.Report(done.Config, done.Rung, random.NextDouble() / (done.Rung + 1));
        }

        var (results, promoted) = asha.RungCounts(0);
        Assert.True(results > 5_000);
        // Promotions made early stay made while the rung grows, so a little more than 1/eta is promoted; the excess shrinks with n.
        Assert.True(Math.Abs((promoted / (double)results) - (1 / 3.0)) < 0.02, $"{promoted} of {results} promoted from rung 0.");
        Assert.True(asha.RungCounts(3).Results > 0, "Some configurations reach the top rung.");
    }

    [Fact]
    public void NaNResultsAreNeverPromoted()
    {
        var asha = new AshaScheduler(1, 3, 2);
        for (var i = 0; i < 4; i++)
        {
            asha.Report(asha.Next().Config, 0, double.NaN);
        }

        Assert.False(asha.Next().IsPromotion);
    }

    [Fact]
    public void ReportsOfUnknownRungsAreRefusedAndRepeatedReportsIgnored()
    {
        var asha = new AshaScheduler(1, 9, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => asha.Report(-1, 0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => asha.Report(0, 3, 0.5));
        asha.Report(7, 0, 0.5);
        asha.Report(7, 0, 0.1);
        Assert.Equal((1, 0), asha.RungCounts(0));
    }

    [Fact]
    public void CallersCanNumberConfigurationsAndMarkPromotionsMadeElsewhere()
    {
        var asha = new AshaScheduler(1, 9, 3);
        asha.Report(10, 0, 0.3);
        asha.Report(20, 0, 0.1);
        asha.Report(30, 0, 0.2);
        asha.MarkPromoted(20, 0); // another process promoted the best

        Assert.Null(asha.NextPromotion());
        asha.Report(40, 0, 0.05);
        asha.Report(50, 0, 0.9);
        asha.Report(60, 0, 0.8); // 6 results: the best two are 40 and 20, and 20 is taken
        Assert.Equal(new AshaJob(40, 1, 3, true), asha.NextPromotion());
        Assert.Null(asha.NextPromotion());
        Assert.Equal(1, asha.RungOf(3));
        Assert.Equal(-1, asha.RungOf(4));
    }
}
