using AttrHpo.Tool.Hunt;

namespace AttrHpo.Tool.Tests.Hunt;

/// <summary>The hunted program's command line: which arguments are priors, and what a trial's program receives.</summary>
public sealed class HuntCommandLineTests
{
    [Fact]
    public void PriorsBecomeValuesAndOtherArgumentsPassUnchanged()
    {
        var line = HuntCommandLine.Parse(
        [
            "./train.sh", "--lr~loguniform(1e-5, 1)", "--layers=~int(1, 8)", "-a~choices(relu, tanh)", "--data", "/tmp/x", "--out=~/runs",
            "--epochs~fidelity(1, 9, base=3)", "positional", "--note~/home",
        ]);

        Assert.Equal("./train.sh", line.Executable);
        Assert.Equal(["lr", "layers", "a"], line.Dimensions.Select(d => d.Name));
        Assert.Equal("epochs", line.Fidelity?.Name);
        Assert.Equal(
            ["--lr", "0.00125", "--layers=3", "-a", "tanh", "--data", "/tmp/x", "--out=~/runs", "--epochs", "9", "positional", "--note~/home"],
            line.Arguments([0.00125, 3L, "tanh"], 9));
        Assert.Equal(["--lr", "1E-05"], line.Arguments([1e-5, 1L, "relu"], 1).Take(2));
    }

    [Theory]
    [InlineData(new[] { "./t.sh", "--lr~loguniform(0, 1)" }, "The prior --lr~loguniform(0, 1): low must be > 0")]
    [InlineData(new[] { "./t.sh", "--x~uniform(0, 1)", "--x~uniform(0, 2)" }, "The parameter 'x' has two priors (--x~uniform(0, 2) is the second)")]
    [InlineData(new[] { "./t.sh", "--x~uniform(0, 1)", "--e~fidelity(1, 9)", "--f~fidelity(1, 9)" }, "at most one fidelity prior")]
    [InlineData(new[] { "./t.sh", "--e~fidelity(1, 9)" }, "no prior to search")]
    [InlineData(new[] { "./t.sh", "--verbose" }, "no prior to search")]
    [InlineData(new string[0], "Give the program to run after --")]
    public void AMalformedCommandLineIsRefusedNamingTheArgument(string[] tokens, string message)
    {
        var exception = Assert.Throws<PriorException>(() => HuntCommandLine.Parse(tokens));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }
}
