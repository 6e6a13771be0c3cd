using AttrHpo.Simulation;

namespace AttrHpo.Tests.Scheduling;

/// <summary>The discrete-event simulation of ASHA: deterministic, and its measurements behave as the method promises.</summary>
public sealed class AshaSimulationTests
{
    [Fact]
    public void TheSameSeedGivesTheSameRunAndAnotherSeedAnother()
    {
        var first = AshaSimulation.Run(16, new SyntheticCurves(3), 1, 81, 3, target: 0.01, checkpoints: true, maxTime: 1e6);
        var again = AshaSimulation.Run(16, new SyntheticCurves(3), 1, 81, 3, target: 0.01, checkpoints: true, maxTime: 1e6);
        var other = AshaSimulation.Run(16, new SyntheticCurves(4), 1, 81, 3, target: 0.01, checkpoints: true, maxTime: 1e6);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void MoreWorkersReachTheTargetSoonerButNeverSoonerThanOneFullRun()
    {
        var times = new[] { 1, 8, 64 }
            .Select(w => AshaSimulation.Run(w, new SyntheticCurves(5), 1, 81, 3, target: 0.003, checkpoints: true, maxTime: 1e7).TimeToTarget)
            .ToArray();

        Assert.True(times[0] > times[1] && times[1] > times[2], string.Join(", ", times));
        Assert.True(times[2] >= 81, "Nothing reaches the full budget sooner than one full-budget run takes.");
        Assert.True(times[0] / times[1] > 4, $"8 workers should be far faster than one: {times[0]} vs {times[1]}.");
    }

    [Fact]
    public void WithoutCheckpointsPromotionsRetrainFromScratchAndTakeLonger()
    {
        var with = AshaSimulation.Run(64, new SyntheticCurves(6), 1, 81, 3, target: 0.005, checkpoints: true, maxTime: 1e7);
        var without = AshaSimulation.Run(64, new SyntheticCurves(6), 1, 81, 3, target: 0.005, checkpoints: false, maxTime: 1e7);

        Assert.True(without.TimeToTarget > with.TimeToTarget);
        Assert.True(without.TimeToTarget >= 1 + 3 + 9 + 27 + 81);
    }

    [Fact]
    public void AnUnreachableTargetEndsAtTheTimeLimit()
    {
        var result = AshaSimulation.Run(4, new SyntheticCurves(1), 1, 9, 3, target: -1, checkpoints: true, maxTime: 500);

        Assert.Equal(double.PositiveInfinity, result.TimeToTarget);
        Assert.InRange(result.BusyFraction, 0.95, 1.0);
    }

    [Fact]
    public void CurvesImproveWithBudgetTowardTheirFloor()
    {
        var curves = new SyntheticCurves(9);
        for (var config = 0; config < 50; config++)
        {
            Assert.True(curves.Loss(config, 1) > curves.Loss(config, 9));
            Assert.True(curves.Loss(config, 81) > curves.Floor(config));
        }
    }
}
