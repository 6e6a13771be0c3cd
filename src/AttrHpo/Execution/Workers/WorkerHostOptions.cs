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

    /// <summary>
    /// The worker's services (an application's container, built once at the worker's start): the instance an instance
    /// objective runs on is resolved from them (<c>GetService(typeof(TTrainer))</c>, on each trial, so the registration's
    /// lifetime decides: a singleton serves every trial of the worker, a transient one is made per trial), and from the type's
    /// <see cref="ObjectiveFactoryAttribute"/> method only when they do not have it. Every trial sees them as
    /// <see cref="TrialContext.Services"/>. None when <see langword="null"/>.
    /// </summary>
    public IServiceProvider? Services { get; init; }
}
