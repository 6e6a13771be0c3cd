using AttrHpo;

namespace AttrHpo.Benchmarks;

/// <summary>
/// The storages the benchmarks measure, by name: <c>memory</c>; <c>sqlite</c> (a new file in a temporary folder, the default
/// Synchronous Normal) and <c>sqlite-full</c> (Synchronous Full: an fsync per commit). The folder is deleted on dispose.
/// </summary>
internal sealed class BenchmarkStorage : IAsyncDisposable
{
    public const string Kinds = "memory, sqlite, sqlite-full";

    private readonly string? _folder;

    public BenchmarkStorage(string kind)
    {
        Kind = kind;
        if (kind == "memory")
        {
            Storage = new InMemoryStudyStorage();
            return;
        }

        var synchronous = kind switch
        {
            "sqlite" => SqliteSynchronous.Normal,
            "sqlite-full" => SqliteSynchronous.Full,
            _ => throw new ArgumentException($"Unknown storage '{kind}': use {Kinds}."),
        };
        _folder = Path.Combine(Path.GetTempPath(), "attrhpo-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Storage = StudyStorage.Sqlite(Path.Combine(_folder, "bench.db"), new SqliteStudyStorageOptions { Synchronous = synchronous });
    }

    public string Kind { get; }

    public IStudyStorage Storage { get; }

    public async ValueTask DisposeAsync()
    {
        if (Storage is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
