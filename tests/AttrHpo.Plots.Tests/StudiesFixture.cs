namespace AttrHpo.Plots.Tests;

/// <summary>Two real studies on the in-memory storage, run once for all the plot tests: one pruned by the median rule, one run by ASHA.</summary>
public sealed class StudiesFixture : IAsyncLifetime
{
    public Study<Curves.TrainParameters> Pruned { get; private set; } = null!;

    public Study<Curves.TrainParameters> Asha { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Pruned = Curves.TrainStudy.Create(new StudyOptions
        {
            Name = "curves-pruned",
            Seed = 3,
            Storage = StudyStorage.InMemory(),
            Pruning = Pruning.Median(startupTrials: 3),
        });
        await Pruned.OptimizeAsync(trials: 40, parallelism: 2);

        Asha = Curves.TrainStudy.Create(new StudyOptions
        {
            Name = "curves-asha",
            Seed = 4,
            Storage = StudyStorage.InMemory(),
            Promotion = Promotion.Asha(reductionFactor: 3),
        });
        await Asha.OptimizeAsync(trials: 30, parallelism: 2);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
