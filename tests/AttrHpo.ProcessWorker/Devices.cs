using ILGPU;
using ILGPU.Runtime;

namespace AttrHpo.ProcessWorker;

/// <summary>An objective that runs a kernel on the accelerator its worker process leases for the trial.</summary>
public static partial class Devices
{
    /// <summary>Fills 1..length on the device and sums it on the host: length * (length + 1) / 2.</summary>
    [Objective(Direction.Maximize)]
    public static double Sum([Hyperparameter(1, 64)] int length, Accelerator accelerator, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("pid", Environment.ProcessId);
        using var buffer = accelerator.Allocate1D<int>(length);
        var fill = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>>(Fill);
        fill(length, buffer.View);
        accelerator.Synchronize();
        return buffer.GetAsArray1D().Sum();
    }

    private static void Fill(Index1D index, ArrayView<int> data) => data[index] = index + 1;
}
