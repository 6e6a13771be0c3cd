using System.Collections.Concurrent;
using AttrHpo.Tests.Generated;
using AttrHpo.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttrHpo.Tests.DependencyInjection;

/// <summary><c>services.AddAttrHpo(...)</c> with a real service provider, real SQLite files and real logging.</summary>
public sealed class AddAttrHpoTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("attrhpo-di-");

    private string DatabasePath => Path.Combine(_folder.FullName, "studies.db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task ASqlitePathGivesStudiesOfGeneratedTypesThatKeepTheirTrialsInTheFile()
    {
        await using (var provider = Provider(o => o.UseSqlite(DatabasePath)))
        {
            var study = provider.GetRequiredService<IStudyFactory>().Create(Branin.EvaluateAsyncStudy.Objective);
            StudyResult<Branin.EvaluateAsyncParameters> result = await study.OptimizeAsync(trials: 4, parallelism: 2);

            Assert.Equal(4, result.Count(TrialState.Complete));
            var storage = Assert.IsType<SqliteStudyStorage>(provider.GetRequiredService<IStudyStorage>());
            Assert.Equal(DatabasePath, storage.Path);
            Assert.Same(storage, study.Options.Storage);
        }

        Assert.True(File.Exists(DatabasePath));
        await using (var again = Provider(o => { o.Storage = DatabasePath; o.StorageOpeners.Add(SqliteLocations.Opener); }))
        {
            var study = again.GetRequiredService<IStudyFactory>().Create(Branin.EvaluateAsyncStudy.Objective);
            var result = await study.OptimizeAsync(trials: 2);

            Assert.Equal([0, 1, 2, 3, 4, 5], result.Trials.Select(t => t.Number));
        }
    }

    [Fact]
    public async Task DisposingTheContainerClosesTheFile()
    {
        var provider = Provider(o => o.UseSqlite(DatabasePath));
        var storage = provider.GetRequiredService<IStudyStorage>();
        await provider.GetRequiredService<IStudyFactory>().Create(Branin.EvaluateAsyncStudy.Objective).OptimizeAsync(trials: 2);
        Assert.True(File.Exists(DatabasePath + "-wal")); // open in write-ahead-log mode

        await provider.DisposeAsync();

        Assert.False(File.Exists(DatabasePath + "-wal")); // the last connection closed: checkpointed and removed
        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.GetChangesAsync("any", 0, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task StudiesLogThroughTheContainersLoggerFactory()
    {
        var log = new RecordingLoggerProvider();
        await using var provider = Provider(configure: null, services => services.AddLogging(logging => logging.AddProvider(log)));
        var objective = new TestObjective((_, t, _) =>
        {
            t.Logger.LogInformation("Hello from trial {Number}", t.Number);
            return ValueTask.FromResult(1.0);
        });

        await provider.GetRequiredService<IStudyFactory>().Create(objective, o => o with { Name = "logged" }).OptimizeAsync(trials: 2);

        Assert.Contains(log.Entries, e => e.Category == "AttrHpo.Study" && e.Message.StartsWith("Study logged: until", StringComparison.Ordinal));
        Assert.Contains(log.Entries, e => e.Category == "AttrHpo.Study" && e.Message.StartsWith("Trial 1 complete: 1 with {", StringComparison.Ordinal));
        Assert.Contains(log.Entries, e => e.Category == "AttrHpo.Trial.Train" && e.Message == "Hello from trial 0");
        Assert.Contains(log.Entries, e => e.Category == "AttrHpo.Study" && e.Message.StartsWith("Study logged finished in ", StringComparison.Ordinal)
            && e.Message.Contains(": 2 trials, best 1 (trial 0) with {", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StudiesStartFromTheConfiguredDefaultsAndTheContainersServices()
    {
        var clock = new ManualClock();
        await using var provider = Provider(
            o => o.Study = new StudyOptions { Seed = 42, FailFastAfter = 3, Sampler = new GridSampler() },
            services => services.AddSingleton<TimeProvider>(clock));
        var factory = provider.GetRequiredService<IStudyFactory>();

        var study = factory.Create(Branin.EvaluateAsyncStudy.Objective, o => o with { Name = "tuned", Seed = 7 });

        Assert.Equal(("tuned", 7UL, 3), (study.Name, study.Options.Seed, study.Options.FailFastAfter));
        Assert.IsType<GridSampler>(study.Options.Sampler);
        Assert.Same(clock, study.Options.TimeProvider);
        Assert.Same(provider.GetRequiredService<IStudyStorage>(), study.Options.Storage);
        Assert.Equal(42UL, factory.Options.Seed);
        Assert.Same(factory.Options.Storage, Branin.EvaluateAsyncStudy.Create(factory.Options).Options.Storage);
    }

    [Fact]
    public async Task InMemoryByDefaultAndSharedByTheContainersStudies()
    {
        await using var provider = Provider(configure: null);
        var factory = provider.GetRequiredService<IStudyFactory>();
        await factory.Create(Branin.EvaluateAsyncStudy.Objective).OptimizeAsync(trials: 3);

        var trials = await factory.Create(Branin.EvaluateAsyncStudy.Objective).GetTrialsAsync();

        Assert.IsType<InMemoryStudyStorage>(provider.GetRequiredService<IStudyStorage>());
        Assert.Equal(3, trials.Count);
        Assert.Empty(_folder.GetFiles());
    }

    [Fact]
    public async Task AStorageRegisteredBeforehandIsKept()
    {
        var mine = new InMemoryStudyStorage();
        await using var provider = Provider(configure: null, services => services.AddSingleton<IStudyStorage>(mine));

        Assert.Same(mine, provider.GetRequiredService<IStudyFactory>().Options.Storage);
    }

    [Theory]
    [InlineData("postgres://localhost/studies", "is not one AttrHpo knows")]
    [InlineData("sqlite:", "names no file after 'sqlite:'")]
    public void AnUnknownStorageLocationIsRefusedAtRegistration(string location, string reason)
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAttrHpo(o =>
        {
            o.Storage = location;
            o.StorageOpeners.Add(SqliteLocations.Opener);
        }));

        Assert.StartsWith("AttrHpoOptions.Storage is not a storage location: ", thrown.Message, StringComparison.Ordinal);
        Assert.Contains(reason, thrown.Message, StringComparison.Ordinal);
        Assert.Contains("'sqlite:PATH'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASqliteLocationWithoutItsPackageNamesThePackage()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAttrHpo(o => o.Storage = "sqlite:" + DatabasePath));

        Assert.Contains("AttrHpo.Sqlite", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("UseSqlite", thrown.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void AStorageInTheStudyDefaultsIsRefusedWithTheFix()
    {
        var thrown = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddAttrHpo(o => o.Study = new StudyOptions { Storage = new InMemoryStudyStorage() }));

        Assert.Contains("AttrHpoOptions.Study.Storage is set", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Set AttrHpoOptions.Storage", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteringTwiceIsRefused()
    {
        var services = new ServiceCollection().AddAttrHpo();

        var thrown = Assert.Throws<InvalidOperationException>(() => services.AddAttrHpo(o => o.Storage = "memory:"));

        Assert.Contains("AddAttrHpo has already been called", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfigureFunctionThatReturnsNullIsRefusedWithTheFix()
    {
        await using var provider = Provider(configure: null);

        var thrown = Assert.Throws<InvalidOperationException>(
            () => provider.GetRequiredService<IStudyFactory>().Create(Branin.EvaluateAsyncStudy.Objective, _ => null!));

        Assert.Contains("o => o with { Name = \"run-2\" }", thrown.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Action<AttrHpoOptions>? configure, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        before?.Invoke(services);
        services.AddAttrHpo(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Keeps every message logged through it.</summary>
    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, string Message)> _entries = new();

        public IReadOnlyList<(string Category, string Message)> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, formatter(state, exception)));
        }
    }
}
