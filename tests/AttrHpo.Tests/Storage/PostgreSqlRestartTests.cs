using System.Diagnostics;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Storage;

/// <summary>The test server restarted while a study runs: alone, since every connection to the server is ended.</summary>
[CollectionDefinition(nameof(PostgreSqlRestartTests), DisableParallelization = true)]
public sealed class PostgreSqlRestartCollection;

/// <summary>A study whose server restarts mid-run completes its budget exactly.</summary>
[Collection(nameof(PostgreSqlRestartTests))]
public sealed class PostgreSqlRestartTests : IDisposable
{
    /// <summary>The command that restarts the test server; the local PostgreSQL 15 cluster that .ci/run starts by default.</summary>
    public const string RestartVariable = "ATTRHPO_POSTGRES_RESTART";

    private readonly PostgresSchema _schema = new();

    public void Dispose() => _schema.Dispose();

    [Fact]
    public async Task AStudyWhoseServerRestartsMidRunCompletesItsBudgetExactly()
    {
        const int Budget = 48;
        await using var storage = StudyStorage.PostgreSql(_schema.ConnectionString);
        await storage.OpenStudyAsync(PostgreSqlWorkers.Identity, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var workers = Enumerable.Range(0, 4)
            .Select(i => Task.Run(() => PostgreSqlWorkers.RunAsync(storage, $"w{i}", Budget, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(400), cancel.Token)))
            .ToList();

        // Restart once 4 trials are done: each takes 0.4 s, so the other 44 need over 4 s of the 4 workers, well past the time
        // pg_ctlcluster takes to begin the restart on a loaded machine, and most are still to run when the server is back.
        while ((await storage.GetChangesAsync(PostgreSqlWorkers.Study, 0, cancel.Token)).Trials.Count(t => t.State == TrialState.Complete) < 4)
        {
            await Task.Delay(5, cancel.Token);
        }

        await RestartServerAsync(cancel.Token);
        var done = (await storage.GetChangesAsync(PostgreSqlWorkers.Study, 0, cancel.Token)).Trials.Count(t => t.State == TrialState.Complete);
        Assert.True(done < Budget, "the study ended before the server restarted");

        await Task.WhenAll(workers);
        await PostgreSqlWorkers.AssertCompleteAsync(storage, Budget);
    }

    private static async Task RestartServerAsync(CancellationToken cancellationToken)
    {
        var command = Environment.GetEnvironmentVariable(RestartVariable) is { Length: > 0 } set ? set : "pg_ctlcluster 15 main restart";
        using var restart = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = restart.StandardError.ReadToEndAsync(cancellationToken);
        await restart.StandardOutput.ReadToEndAsync(cancellationToken);
        await restart.WaitForExitAsync(cancellationToken);
        Assert.True(
            restart.ExitCode == 0,
            $"'{command}' failed ({restart.ExitCode}): {await errors}. .ci/run starts the server as root; set {RestartVariable} for another server.");
    }
}
