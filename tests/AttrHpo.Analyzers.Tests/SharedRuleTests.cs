using AttrHpo.Annotations.Rules;

namespace AttrHpo.Analyzers.Tests;

/// <summary>
/// The shared range and budget rules as the pure functions they are: plain values in, violations out. Both the generator
/// and the analyzers compile these same functions (analyzers/AttrHpo.Annotations.Rules).
/// </summary>
public sealed class SharedRuleTests
{
    [Fact]
    public void A_real_range_is_refused_from_the_grid_cap_on()
    {
        var under = RealRangeRules.Check(Real(0, Grid.MaxValues / 2, step: 1));
        var at = RealRangeRules.Check(Real(0, Grid.MaxValues, step: 1));

        Assert.Empty(under);
        var violation = Assert.Single(at);
        Assert.Equal("AHPO003", violation.Descriptor.Id);
        Assert.True(violation.IsError);
        Assert.Equal("it makes more than 4E+18 values. Use a larger step, or leave Step out for a continuous range", violation.Arguments[2]);
    }

    [Fact]
    public void A_log_range_below_zero_is_refused_and_the_step_is_still_checked()
    {
        var found = RealRangeRules.Check(Real(-1, 1, log: true, step: -0.5));

        Assert.Equal(["AHPO002", "AHPO003"], found.Select(v => v.Descriptor.Id));
        Assert.All(found, v => Assert.True(v.IsError));
    }

    [Fact]
    public void A_step_that_misses_the_high_bound_is_a_warning_that_carries_the_reachable_bound()
    {
        var violation = Assert.Single(RealRangeRules.Check(Real(0, 1, step: 0.3)));

        Assert.Equal("AHPO004", violation.Descriptor.Id);
        Assert.False(violation.IsError);
        Assert.Equal("0.9", violation.Reachable);
    }

    [Fact]
    public void A_default_outside_the_space_is_a_warning_at_the_parameter()
    {
        var violation = Assert.Single(RealRangeRules.Check(Real(0, 1, step: 0, @default: 2)));

        Assert.Equal("AHPO050", violation.Descriptor.Id);
        Assert.False(violation.IsError);
        Assert.Equal(ViolationSite.Symbol, violation.Site);
    }

    [Theory]
    [InlineData(0.5, 2.5, "the bound 0.5 is not a whole number")]
    [InlineData(1e19, 2e19, "the bound 1E+19 is outside long's range")]
    public void An_integer_range_needs_whole_bounds_that_fit(double low, double high, string why)
    {
        var violation = Assert.Single(IntegerRangeRules.Check(new IntegerRange("x", "long", IsInt32: false, low, high, Log: false, Step: 0, Default: null)));

        Assert.Equal("AHPO005", violation.Descriptor.Id);
        Assert.Equal(why, violation.Arguments[2]);
    }

    [Theory]
    [InlineData(1L, 100L, true, true)]
    [InlineData(0L, 100L, true, false)]
    [InlineData(5L, 5L, false, false)]
    [InlineData(1L, 3_000_000_000L, false, true)]
    [InlineData(1L, 3_000_000_000L, true, false)]
    public void A_budget_needs_one_to_max_within_its_type(long min, long max, bool isInt32, bool valid)
    {
        var found = BudgetRules.Check(new BudgetBounds("epochs", isInt32 ? "int" : "long", isInt32, !isInt32, min, max));

        Assert.Equal(valid, !found.AnyError());
        Assert.All(found, v => Assert.Equal("AHPO041", v.Descriptor.Id));
    }

    private static RealRange Real(double low, double high, bool log = false, double step = 0, double? @default = null) =>
        new("x", "double", IsSingle: false, low, high, log, step, @default);
}
