using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>What a worker process runs (<see cref="WorkerHost.TryRunAsync(string[], WorkerHostOptions, CancellationToken)"/>).</summary>
public sealed class WorkerHostOptions
{
    /// <summary>The objectives this worker may run; every objective the generator registered in the entry assembly when <see langword="null"/>.</summary>
    public ObjectiveRegistry? Objectives { get; init; }

    /// <summary>
    /// Creates, on the first trial that needs a GPU, the executor that leases it a device in this process (given the worker's
    /// logger): the AttrHpo.Gpu package's <c>GpuExecutor</c>, which <c>WorkerHost.TryRunWithGpuAsync</c> sets. Without one, such a
    /// trial fails with a message saying so.
    /// </summary>
    public Func<ILogger, ITrialExecutor>? DeviceExecutor { get; init; }
}
