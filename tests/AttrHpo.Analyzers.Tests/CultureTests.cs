using System.Globalization;
using AttrHpo.Analyzers.Tests.Infrastructure;

namespace AttrHpo.Analyzers.Tests;

/// <summary>Messages and diagnostic properties are the same under any culture: numbers in the invariant form, ASCII minus, decimal point.</summary>
public sealed class CultureTests
{
    [Theory]
    [InlineData("fi-FI")] // writes a negative number with U+2212 and uses a decimal comma
    [InlineData("de-DE")] // decimal comma
    [InlineData("ar-SA")] // right-to-left
    public async Task Every_message_and_property_is_identical_under_any_culture(string culture)
    {
        var expected = await DescribeAllAsync(CultureInfo.InvariantCulture);
        var actual = await DescribeAllAsync(CultureInfo.GetCultureInfo(culture));

        Assert.Equal(expected, actual);
        Assert.DoesNotContain(actual, line => line.Contains('\u2212'));
    }

    [Fact]
    public async Task A_negative_range_reads_with_an_ASCII_minus_under_fi_FI()
    {
        var messages = await InCultureAsync(CultureInfo.GetCultureInfo("fi-FI"), async () =>
            (await Pipeline.RunAsync(Catalogue.Get("AHPO001 real range, negative bounds").Source)).AnalyzerDiagnostics.Select(d => d.GetMessage()).ToList());

        Assert.Equal(["The range [-1.5, -2.5] of 'x' is empty: low must be smaller than high. Swap the bounds or correct them."], messages);
    }

    [Fact]
    public async Task The_catalogue_messages_hold_under_fi_FI_through_the_testing_library()
    {
        // The same exact-span, exact-message checks as DiagnosticTests, for the cases with negative or fractional numbers.
        var cases = Catalogue.All.Where(c => c.Messages.Any(m => m.Contains('-') || m.Contains('.'))).ToList();
        Assert.NotEmpty(cases);
        await InCultureAsync(CultureInfo.GetCultureInfo("fi-FI"), async () =>
        {
            foreach (var @case in cases)
            {
                await AnalyzerVerifier.VerifyAsync(@case);
            }

            return 0;
        });
    }

    [Fact]
    public async Task The_culture_under_test_really_writes_numbers_differently_and_flows_into_analysis()
    {
        // Guards the tests above: if fi-FI stopped using U+2212 and a comma, or the culture did not reach the threads that analyze, they would prove nothing.
        var finnish = await InCultureAsync(CultureInfo.GetCultureInfo("fi-FI"), () => Task.Run(() => (-1.5).ToString(CultureInfo.CurrentCulture)));

        Assert.Equal("\u22121,5", finnish);
    }

    private static Task<List<string>> DescribeAllAsync(CultureInfo culture) =>
        InCultureAsync(culture, async () =>
        {
            var lines = new List<string>();
            foreach (var @case in Catalogue.All)
            {
                var result = await Pipeline.RunAsync(@case.Source);
                lines.AddRange(result.All.Select(d =>
                    $"{@case.Name}: {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)} {string.Join(",", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))}"));
            }

            return lines;
        });

    private static async Task<T> InCultureAsync<T>(CultureInfo culture, Func<Task<T>> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
            return await action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }
}
