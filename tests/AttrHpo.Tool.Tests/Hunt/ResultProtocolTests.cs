using AttrHpo.Tool.Hunt;

namespace AttrHpo.Tool.Tests.Hunt;

/// <summary>The lines and the results file through which a hunted program reports.</summary>
public sealed class ResultProtocolTests
{
    [Theory]
    [InlineData("attrhpo: objective=0.125", 0.125)]
    [InlineData("  attrhpo:   objective=-1.5e-3  ", -0.0015)]
    [InlineData("attrhpo: objective=nan", double.NaN)]
    [InlineData("attrhpo: objective=-inf", double.NegativeInfinity)]
    public void AnObjectiveLineGivesTheResult(string line, double value)
    {
        var read = ResultProtocol.Read(line);

        Assert.Equal(ResultProtocol.LineKind.Objective, read.Kind);
        Assert.Equal(value, read.Value);
    }

    [Fact]
    public void AStepLineIsAReportAndOtherLinesAreNot()
    {
        var report = ResultProtocol.Read("attrhpo: step=3 value=0.5");

        Assert.Equal((ResultProtocol.LineKind.Report, 3L, 0.5), (report.Kind, report.Step, report.Value));
        Assert.Equal(ResultProtocol.LineKind.Report, ResultProtocol.Read("attrhpo: value=0.5 step=3").Kind);
        Assert.Equal(ResultProtocol.LineKind.None, ResultProtocol.Read("epoch 3: loss 0.5").Kind);
        Assert.Equal(ResultProtocol.LineKind.None, ResultProtocol.Read("note attrhpo: objective=1").Kind);
        foreach (var unknown in (string[])["attrhpo: objectve=1", "attrhpo: objective=abc", "attrhpo: step=1.5 value=2", "attrhpo: objective=1 objective=2", "attrhpo: hello"])
        {
            Assert.Equal(ResultProtocol.LineKind.Unknown, ResultProtocol.Read(unknown).Kind);
        }
    }

    [Fact]
    public void AResultsFileIsAnObjectOrOrionsList()
    {
        Assert.Equal(0.25, ResultProtocol.ReadFile("{\"objective\": 0.25, \"accuracy\": 0.9}"));
        Assert.Equal(0.5, ResultProtocol.ReadFile("[{\"name\": \"acc\", \"type\": \"statistic\", \"value\": 0.9}, {\"name\": \"loss\", \"type\": \"objective\", \"value\": 0.5}]"));
        Assert.True(double.IsNaN(ResultProtocol.ReadFile("{\"objective\": \"NaN\"}")));
        Assert.Contains("it holds no objective", Assert.Throws<FormatException>(() => ResultProtocol.ReadFile("{\"loss\": 1}")).Message, StringComparison.Ordinal);
        Assert.Contains("it is not JSON", Assert.Throws<FormatException>(() => ResultProtocol.ReadFile("objective=1")).Message, StringComparison.Ordinal);
        Assert.Contains("is not a number", Assert.Throws<FormatException>(() => ResultProtocol.ReadFile("{\"objective\": true}")).Message, StringComparison.Ordinal);
    }
}
