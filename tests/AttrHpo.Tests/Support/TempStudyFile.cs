namespace AttrHpo.Tests.Support;

/// <summary>A study file in a folder of its own under the temporary folder; the folder (with any -wal and -shm files) is deleted on dispose.</summary>
public sealed class TempStudyFile : IDisposable
{
    public TempStudyFile(string name = "study.db")
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "attrhpo-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, name);
    }

    /// <summary>The folder the file (and SQLite's files beside it) lives in.</summary>
    public string Folder { get; }

    /// <summary>The study file's full path; it does not exist until something creates it.</summary>
    public string Path { get; }

    /// <summary>SQLite's write-ahead log and shared-memory index beside the file.</summary>
    public IEnumerable<string> Companions => [Path + "-wal", Path + "-shm", Path + "-journal"];

    /// <summary>The companions that exist now.</summary>
    public IReadOnlyList<string> ExistingCompanions => [.. Companions.Where(File.Exists)];

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
