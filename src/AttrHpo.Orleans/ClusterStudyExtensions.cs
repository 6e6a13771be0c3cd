namespace AttrHpo;

/// <summary>Runs a study on an Orleans cluster whose silos called <see cref="AttrHpoSiloBuilderExtensions.AddAttrHpo"/>.</summary>
public static class ClusterStudyExtensions
{
    /// <summary>
    /// Starts (or continues) the study of <paramref name="objective"/> on the cluster and waits until it holds
    /// <see cref="ClusterStudyOptions.Trials"/> trials, none running or waiting. The study's coordinator grain chooses every
    /// trial's parameters; the silos' workers run them. Calls are retried while the coordinator's silo fails over. Cancelling
    /// stops the wait, not the study: it goes on in the cluster.
    /// </summary>
    /// <param name="grains">The cluster client (or a silo's grain factory).</param>
    /// <param name="objective">The objective, usually the generated <c>MethodStudy.Objective</c>; the silos must register its id.</param>
    /// <param name="options">The study's name, total trials, seed, sampler and leases.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The finished study's counts and best trial.</returns>
    public static async Task<ClusterStudyStatus> RunStudyAsync(
        this IGrainFactory grains, IRegisteredObjective objective, ClusterStudyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(objective);
        options ??= new ClusterStudyOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Trials, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTrialStarts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LeaseDuration, TimeSpan.FromMilliseconds(300), nameof(options));
        var spec = new StudySpec
        {
            Name = options.Name ?? objective.Id,
            ObjectiveId = objective.Id,
            Trials = options.Trials,
            Seed = options.Seed,
            Sampler = options.Sampler,
            LeaseDuration = options.LeaseDuration,
            MaxTrialStarts = options.MaxTrialStarts,
            Pruning = options.Pruning is { } pruning
                ? pruning.Portable ?? throw new ArgumentException(
                    "ClusterStudyOptions.Pruning: a custom rule (Pruning.Custom) cannot travel to the study's coordinator grain; use Pruning.SuccessiveHalving, Pruning.Hyperband or Pruning.Median.",
                    nameof(options))
                : null,
            Promotion = options.Promotion?.Portable,
        };
        var coordinator = grains.GetGrain<IStudyCoordinatorGrain>(spec.Name);
        var status = await FailoverAsync(() => coordinator.StartAsync(spec), options, cancellationToken).ConfigureAwait(false);
        while (!status.Finished)
        {
            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            status = await FailoverAsync(coordinator.GetStatusAsync, options, cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>Where the study stands now, without waiting.</summary>
    /// <param name="grains">The cluster client.</param>
    /// <param name="study">The study's name.</param>
    public static Task<ClusterStudyStatus> GetStudyStatusAsync(this IGrainFactory grains, string study)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(study);
        return grains.GetGrain<IStudyCoordinatorGrain>(study).GetStatusAsync();
    }

    /// <summary>Calls the coordinator, again while its silo is unavailable (Orleans reactivates it on another silo).</summary>
    private static async Task<T> FailoverAsync<T>(Func<Task<T>> call, ClusterStudyOptions options, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + options.FailoverTimeout;
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
