using System.Globalization;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Reporting;

/// <summary>The text of the console displays: invariant numbers, one line per trial, parameters as name=value pairs.</summary>
public sealed class ReportFormatTests
{
    [Fact]
    public void ParametersAreNameValuePairsWithShortNumbersAndQuotedStringsWhereNeeded()
    {
        var text = ReportFormat.Parameters("""{"layers":12,"rate":0.000123456789,"name":"two words","tag":"[red]","eq":"a=b","empty":"","on":true}""");

        Assert.Equal("""layers=12 rate=0.000123457 name="two words" tag=[red] eq="a=b" empty="" on=true""", text);
    }

    [Fact]
    public void ParametersThatAreNotAJsonObjectAreShownAsTheyAreOnOneLine()
    {
        Assert.Equal("(no parameters yet)", ReportFormat.Parameters(string.Empty));
        Assert.Equal("not json {", ReportFormat.Parameters("not json\n{"));
        Assert.Equal("[1,2]", ReportFormat.Parameters("[1,2]"));
    }

    [Fact]
    public void ATrialLineUsesTheInvariantCultureWhateverTheCurrentOne()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var trial = TrialFactory.Record(12, TrialState.Complete, 1234.56789) with
            {
                ParametersJson = """{"rate":0.5}""",
                Started = start,
                Finished = start.AddMilliseconds(2500),
            };

            Assert.Equal("trial   12  complete        1234.57    2.500 s  rate=0.5  (new best)", ReportFormat.TrialLine(trial, newBest: true));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void ControlCharactersAndLineSeparatorsBecomeSpaces()
    {
        Assert.Equal("a b c d e f", ReportFormat.OneLine("a\nb\rc\u001bd\u2028e\u2029f"));
        Assert.Equal("unchanged [red]", ReportFormat.OneLine("unchanged [red]"));
    }

    [Theory]
    [InlineData(0, "00:00:00")]
    [InlineData(59.9, "00:00:59")]
    [InlineData(3725, "01:02:05")]
    [InlineData(90000, "25:00:00")]
    [InlineData(-5, "00:00:00")]
    public void ClockShowsHoursMinutesAndSeconds(double seconds, string expected)
    {
        Assert.Equal(expected, ReportFormat.Clock(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(0, "0 trials")]
    [InlineData(1, "1 trial")]
    [InlineData(2, "2 trials")]
    public void TrialCountsAreSingularOnlyForOne(int count, string expected)
    {
        Assert.Equal(expected, ReportFormat.Trials(count));
    }

    [Fact]
    public void TheRemainingTimeIsRoundedToTheNearestSecondOrUnknown()
    {
        Assert.Equal("about 00:00:02", ReportFormat.Remaining(TimeSpan.FromSeconds(1.5)));
        Assert.Equal("about 00:00:01", ReportFormat.Remaining(TimeSpan.FromSeconds(1.4)));
        Assert.Equal("unknown", ReportFormat.Remaining(null));
    }

    [Fact]
    public void AWaitForAnotherWorkerSaysHowManyTrialsWhoseAndUntilWhenInLocalTime()
    {
        var clock = new ZonedClock(DateTimeOffset.Parse("2026-03-01T08:30:00Z", CultureInfo.InvariantCulture), TimeSpan.FromHours(2));

        Assert.Equal(
            "2 trials leased by host-b/1234 until 10:31:05 (their lease ends then if that worker is gone)",
            ReportFormat.Waiting(new LeasedElsewhere("host-b/1234", 2, DateTimeOffset.Parse("2026-03-01T08:31:05Z", CultureInfo.InvariantCulture)), clock));
        Assert.Equal(
            "1 trial leased by c until 2026-03-02 00:15:00 (its lease ends then if that worker is gone)",
            ReportFormat.Waiting(new LeasedElsewhere("c", 1, DateTimeOffset.Parse("2026-03-01T22:15:00Z", CultureInfo.InvariantCulture)), clock));
        Assert.StartsWith("1 trial leased by a b until", ReportFormat.Waiting(new LeasedElsewhere("a\nb", 1, clock.GetUtcNow()), clock), StringComparison.Ordinal);
    }

    /// <summary>A fixed clock in a time zone of its own, whatever the machine's.</summary>
    internal sealed class ZonedClock(DateTimeOffset now, TimeSpan offset) : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("test", offset, "test", "test");

        public override DateTimeOffset GetUtcNow() => now;
    }
}
