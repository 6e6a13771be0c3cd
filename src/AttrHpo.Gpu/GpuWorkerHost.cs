using System.Diagnostics.CodeAnalysis;

namespace AttrHpo;

/// <summary>Worker processes whose trials may lease a GPU.</summary>
public static class GpuWorkerHost
{
    extension(WorkerHost)
    {
        /// <summary>
        /// As <see cref="WorkerHost.TryRunAsync(string[], CancellationToken)"/>, leasing the devices this process can see to the
        /// trials that need one through a <see cref="GpuExecutor"/> (the device that <c>CUDA_VISIBLE_DEVICES</c> names, when
        /// <see cref="ProcessExecutorOptions"/> pins one). The program's <c>Main</c> begins with
        /// <c>if (await WorkerHost.TryRunWithGpuAsync(args)) return 0;</c>.
        /// </summary>
        /// <param name="args">The program's arguments.</param>
        /// <param name="objectives">The objectives this worker may run; those of the entry assembly when <see langword="null"/>.</param>
        /// <param name="cancellationToken">Stops the worker.</param>
        /// <returns>Whether this process was a worker (and is done).</returns>
        [RequiresDynamicCode(IlgpuRuntimeCode.Reason)]
        [RequiresUnreferencedCode(IlgpuRuntimeCode.Reason)]
        public static Task<bool> TryRunWithGpuAsync(string[] args, ObjectiveRegistry? objectives = null, CancellationToken cancellationToken = default) =>
            WorkerHost.TryRunAsync(
                args,
                new WorkerHostOptions { Objectives = objectives, DeviceExecutor = logger => new GpuExecutor(logger: logger) },
                cancellationToken);

        /// <summary>
        /// As <see cref="WorkerHost.TryRunAsync(string[], WorkerHostOptions, CancellationToken)"/> with <paramref name="options"/>
        /// (the worker's objectives and services, say), leasing devices through a <see cref="GpuExecutor"/> unless the options
        /// name another <see cref="WorkerHostOptions.DeviceExecutor"/>.
        /// </summary>
        /// <param name="args">The program's arguments.</param>
        /// <param name="options">What the worker runs, and with which services.</param>
        /// <param name="cancellationToken">Stops the worker.</param>
        /// <returns>Whether this process was a worker (and is done).</returns>
        [RequiresDynamicCode(IlgpuRuntimeCode.Reason)]
        [RequiresUnreferencedCode(IlgpuRuntimeCode.Reason)]
        public static Task<bool> TryRunWithGpuAsync(string[] args, WorkerHostOptions options, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(options);
            return WorkerHost.TryRunAsync(
                args,
                new WorkerHostOptions
                {
                    Objectives = options.Objectives,
                    Services = options.Services,
                    DeviceExecutor = options.DeviceExecutor ?? (logger => new GpuExecutor(logger: logger)),
                },
                cancellationToken);
        }
    }
}
