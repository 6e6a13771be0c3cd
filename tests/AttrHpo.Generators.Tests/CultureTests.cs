using System.Globalization;

namespace AttrHpo.Generators.Tests;

public sealed class CultureTests
{
    [Theory]
    [InlineData("fi-FI")] // writes a negative number with U+2212 and uses a decimal comma
    [InlineData("de-DE")] // decimal comma, dot as group separator
    [InlineData("ar-SA")] // right-to-left, its own digits in some formats
    public void Generated_code_is_identical_under_any_culture(string culture)
    {
        var expected = GenerateAll(CultureInfo.InvariantCulture);
        var actual = GenerateAll(CultureInfo.GetCultureInfo(culture));

        Assert.Equal(expected, actual);
        Assert.Contains("-0.30000000000000004", expected, StringComparison.Ordinal);
        Assert.Contains("1E-05", expected, StringComparison.Ordinal);
        Assert.DoesNotContain('\u2212', actual);
    }

    [Fact]
    public void The_culture_under_test_really_writes_numbers_differently()
    {
        // Guards the test above: if fi-FI stopped using U+2212 and a comma, it would prove nothing.
        var finnish = (-0.5).ToString(CultureInfo.GetCultureInfo("fi-FI"));
        Assert.NotEqual("-0.5", finnish);
    }

    private static string GenerateAll(CultureInfo culture)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
            return string.Join("\n", SnapshotCases.All.Values.SelectMany(s => GeneratorHarness.Run(s).Generated.Values));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }
}
