namespace AttrHpo.Tests.Support;

/// <summary>
/// The base of tests that run real worker processes (tests/AttrHpo.StudyWorker) on one SQLite file: a temporary file, the
/// workers started (killed and disposed after the test), and what the file holds.
/// </summary>
public abstract class StudyWorkerFixture : IDisposable
{
    protected const string StudyName = "shared";

    protected static readonly StudyIdentity Identity = new(StudyName, "AttrHpo.StudyWorker.Work.RunAsync", Direction.Minimize);

    private readonly List<StudyWorkerProcess> _workers = [];

    protected TempStudyFile File { get; } = new();

    protected IReadOnlyList<StudyWorkerProcess> Workers => _workers;

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        File.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts a worker on the file and the shared study, with more arguments.</summary>
    protected StudyWorkerProcess Start(params string[] arguments)
    {
        var worker = StudyWorkerProcess.Start(["--file", File.Path, "--study", StudyName, .. arguments]);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Every trial of the shared study, as the file holds it now.</summary>
    protected async Task<IReadOnlyList<TrialRecord>> ReadTrialsAsync()
    {
        await using var storage = StudyStorage.Sqlite(File.Path);
        await storage.OpenStudyAsync(Identity, CancellationToken.None);
        return (await storage.GetChangesAsync(StudyName, 0, CancellationToken.None)).Trials;
    }
}
