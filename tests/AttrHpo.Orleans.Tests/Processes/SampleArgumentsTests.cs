namespace AttrHpo.Orleans.Tests.Processes;

/// <summary>samples/Cluster's bad input: a clear message naming the problem and the fix, and nothing started.</summary>
public sealed class SampleArgumentsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnUnknownRoleIsAUsageError()
    {
        var (exitCode, output) = await SampleProcess.RunAsync("serve", Patience);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: Cluster setup|worker|coordinator|drop", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadOptionValueNamesTheOptionAndWhatItTakes()
    {
        var (exitCode, output) = await SampleProcess.RunAsync("setup", Patience, "--schema", "Not A Schema");

        Assert.Equal(2, exitCode);
        Assert.Contains("--schema 'Not A Schema'", output, StringComparison.Ordinal);
        Assert.Contains("lower-case letters", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatCannotBeReachedSaysHowToStartOne()
    {
        var port = SampleDatabase.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, output) = await SampleProcess.RunAsync("setup", Patience, "--db", $"Host=127.0.0.1;Port={port};Username=nobody;Password=none");

        Assert.Equal(1, exitCode);
        Assert.Contains("PostgreSQL cannot be reached", output, StringComparison.Ordinal);
        Assert.Contains("pg_ctlcluster 15 main start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=none", output, StringComparison.Ordinal);
    }
}
