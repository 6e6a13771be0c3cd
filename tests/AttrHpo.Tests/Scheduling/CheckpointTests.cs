namespace AttrHpo.Tests.Scheduling;

/// <summary>An objective that trains epoch by epoch and continues from its checkpoint when promoted.</summary>
public static partial class Incremental
{
    /// <summary>The loss after <paramref name="epochs"/> epochs: (1 - rate / 10)^epochs, however the epochs were split.</summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> TrainAsync(
        [Hyperparameter(0.0, 1.0)] double rate,
        [Budget(1, 27)] int epochs,
        TrialContext trial,
        CancellationToken cancellationToken)
    {
        var start = 0;
        var loss = 1.0;
        if (await trial.LoadCheckpointAsync(cancellationToken) is { } checkpoint)
        {
            start = (int)checkpoint.Budget!.Value;
            loss = BitConverter.ToDouble(checkpoint.State.Span);
        }

        for (var epoch = start + 1; epoch <= epochs; epoch++)
        {
            loss *= 1 - (rate / 10);
            trial.Report(epoch, loss);
        }

        trial.SetAttribute("trained", epochs - start);
        await trial.SaveCheckpointAsync(BitConverter.GetBytes(loss), cancellationToken);
        return loss;
    }
}

/// <summary>Checkpoints: a promoted trial continues from the budget its source reached, in memory or through a folder.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("attrhpo-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PromotedTrialsTrainOnlyTheExtraBudgetAndReachTheSameLoss(bool inFolder)
    {
        var options = new StudyOptions
        {
            Name = "study/with:odd_name",
            Seed = 4,
            Promotion = Promotion.Asha(reductionFactor: 3),
            CheckpointDirectory = inFolder ? _folder : null,
        };

        var result = await Incremental.TrainAsyncStudy.Create(options).OptimizeAsync(trials: 40, parallelism: 2);

        var byNumber = result.Trials.ToDictionary(t => t.Number);
        var promoted = result.Trials.Where(t => t.Record.PromotedFrom is not null).ToList();
        Assert.NotEmpty(promoted);
        Assert.All(result.Trials, t =>
        {
            var previous = t.Record.PromotedFrom is { } from ? byNumber[from].Record.Budget!.Value : 0;
            Assert.Equal((t.Record.Budget!.Value - previous).ToString(System.Globalization.CultureInfo.InvariantCulture), t.Record.Attributes["trained"]);
            Assert.Equal(Math.Pow(1 - (t.Parameters.Rate / 10), t.Record.Budget!.Value), t.Value!.Value, 12);
        });
        if (inFolder)
        {
            var files = Directory.GetFiles(_folder, "*", SearchOption.AllDirectories);
            Assert.Equal(40, files.Length);
            Assert.All(files, f => Assert.EndsWith(".ckpt", f, StringComparison.Ordinal));
            Assert.Equal(["study_2fwith_3aodd_5fname"], Directory.GetDirectories(_folder).Select(Path.GetFileName));
        }
    }

    [Fact]
    public async Task AFolderKeepsCheckpointsForTheNextRun()
    {
        var options = new StudyOptions { Name = "resume", Seed = 9, Promotion = Promotion.Asha(reductionFactor: 2), CheckpointDirectory = _folder, Storage = new InMemoryStudyStorage() };
        await Incremental.TrainAsyncStudy.Create(options).OptimizeAsync(trials: 6);

        // A new study object: its memory is empty, so a promotion of the first run's trials continues from the folder.
        var result = await Incremental.TrainAsyncStudy.Create(options).OptimizeAsync(trials: 24);

        var crossRun = result.Trials.Where(t => t.Number >= 6 && t.Record.PromotedFrom < 6).ToList();
        Assert.NotEmpty(crossRun);
        Assert.All(crossRun, t => Assert.NotEqual(t.Record.Budget!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Record.Attributes["trained"]));
    }

    [Fact]
    public async Task ADamagedCheckpointIsNamedWithTheFix()
    {
        var store = new DirectoryCheckpointStore(_folder);
        await store.SaveAsync("s", new TrialCheckpoint(3, 9, new byte[] { 1, 2 }), CancellationToken.None);
        var path = Directory.GetFiles(_folder, "trial-3.ckpt", SearchOption.AllDirectories).Single();
        await File.WriteAllBytesAsync(path, [1, 2, 3]);

        var error = await Assert.ThrowsAsync<CheckpointException>(() => store.LoadAsync("s", 3, CancellationToken.None).AsTask());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete it to train that trial from scratch", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.LoadAsync("s", 4, CancellationToken.None));
    }

    [Fact]
    public async Task ATrialThatPromotesNothingHasNoCheckpointAndOutsideAStudyNowhereToSaveOne()
    {
        var context = Support.TrialFactory.Context(number: 0);

        Assert.Null(await context.LoadCheckpointAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => context.SaveCheckpointAsync(new byte[] { 1 }).AsTask());
    }
}
