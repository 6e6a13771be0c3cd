using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>Finds the devices a <see cref="GpuExecutor"/> leases: the selected GPUs within the memory budget, or the CPU fallback.</summary>
internal static class DeviceDiscovery
{
    /// <summary>One ILGPU context with every backend this machine has: CUDA (with LibDevice maths where installed), OpenCL, CPU.</summary>
    public static Context CreateContext()
    {
        foreach (var configure in new Action<Context.Builder>[] { b => b.Cuda().LibDevice().OpenCL().CPU(), b => b.Cuda().OpenCL().CPU() })
        {
            try
            {
                return Context.Create(configure);
            }
            catch (Exception exception) when (exception is DllNotFoundException or TypeInitializationException or NotSupportedException or InvalidOperationException)
            {
                // No CUDA toolkit for LibDevice, or a backend's native library is missing: try with less.
            }
        }

        return Context.Create(builder => builder.CPU());
    }

    public static IReadOnlyList<DeviceSlot> Find(Context context, GpuExecutorOptions options, ILogger logger)
    {
        var gpus = context.Devices
            .Where(d => d.AcceleratorType == AcceleratorType.Cuda || d is CLDevice { DeviceType: CLDeviceType.CL_DEVICE_TYPE_GPU })
            .OrderBy(d => d.AcceleratorType == AcceleratorType.Cuda ? 0 : 1)
            .Where(d => options.SelectDevice?.Invoke(d) ?? true)
            .ToList();
        if (gpus.Count > 0)
        {
            var slots = gpus.Select(d => Slot(d, Label(context, d), Info(context, d), options)).ToList();
            var usable = slots.Where(s => s.Capacity > 0).ToList();
            return usable.Count > 0
                ? usable
                : throw new InvalidOperationException(
                    $"No selected GPU can hold a trial: each needs MemoryPerTrial = {options.MemoryPerTrial} bytes, but the budgets are "
                    + string.Join(", ", slots.Select(s => $"{s.Label}: {Budget(s.Device, options)}")) + ". Lower MemoryPerTrial or raise DeviceMemoryBudget.");
        }

        var found = context.Devices.Where(d => d.AcceleratorType != AcceleratorType.CPU).Select(d => Label(context, d)).ToList();
        var why = found.Count == 0
            ? "ILGPU found no CUDA or OpenCL GPU on this machine"
            : $"none of the GPUs ILGPU found ({string.Join(", ", found)}) was selected by SelectDevice";
        if (options.WhenNoGpu == NoGpuBehavior.Refuse)
        {
            throw new InvalidOperationException(
                $"The GpuExecutor refuses to start: {why}. Install the GPU's driver, change SelectDevice, or set WhenNoGpu = NoGpuBehavior.FallBackToCpuAccelerator to run GPU trials on ILGPU's CPU accelerator.");
        }

        GpuLog.FallingBackToCpu(logger, why, options.CpuAcceleratorDevices, options.TrialsPerDevice);
        var cpu = context.GetCPUDevice(0);
        var visible = VisibleDevices();
        return [.. Enumerable.Range(0, options.CpuAcceleratorDevices)
            .Select(i => new DeviceSlot(
                cpu,
                string.Create(CultureInfo.InvariantCulture, $"CPU:{i} {cpu.Name}"),
                options.TrialsPerDevice,
                new GpuDevice(i, cpu.Name, cpu.MemorySize) { Kind = GpuDeviceKind.CpuStandIn, MachineIndex = MachineIndex(visible, i) }))];
    }

    /// <summary>
    /// The machine-wide index of the device this process sees at <paramref name="index"/>: the entry of
    /// <c>CUDA_VISIBLE_DEVICES</c> (<paramref name="visible"/>) there when the variable lists indices, the index itself when it
    /// is unset, and <see langword="null"/> when it names devices by UUID or has no entry there.
    /// </summary>
    internal static int? MachineIndex(string? visible, int index)
    {
        if (visible is null)
        {
            return index;
        }

        var entries = visible.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return index < entries.Length && int.TryParse(entries[index], NumberStyles.None, CultureInfo.InvariantCulture, out var machine) ? machine : null;
    }

    private static string? VisibleDevices() => Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES");

    /// <summary>The lease an objective that takes a <see cref="GpuDevice"/> is given for <paramref name="device"/>.</summary>
    private static GpuDevice Info(Context context, Device device)
    {
        if (device is CudaDevice cuda)
        {
            return new GpuDevice(cuda.DeviceId, cuda.Name, cuda.MemorySize)
            {
                Kind = GpuDeviceKind.Cuda,
                Identity = cuda.NVMLPCIBusId,
                MachineIndex = MachineIndex(VisibleDevices(), cuda.DeviceId),
            };
        }

        var index = context.Devices.Where(d => d.AcceleratorType == device.AcceleratorType).ToList().IndexOf(device);
        return new GpuDevice(index, device.Name, device.MemorySize) { Kind = GpuDeviceKind.OpenCL };
    }

    private static DeviceSlot Slot(Device device, string label, GpuDevice info, GpuExecutorOptions options)
    {
        var capacity = options.MemoryPerTrial is { } perTrial
            ? (int)Math.Min(options.TrialsPerDevice, Budget(device, options) / perTrial)
            : options.TrialsPerDevice;
        return new DeviceSlot(device, label, capacity, info);
    }

    private static long Budget(Device device, GpuExecutorOptions options) =>
        Math.Min(options.DeviceMemoryBudget ?? long.MaxValue, device.MemorySize);

    /// <summary><c>Cuda:0 NVIDIA H100 80GB HBM3</c>: the backend, the index among that backend's devices, the name.</summary>
    private static string Label(Context context, Device device)
    {
        var index = context.Devices.Where(d => d.AcceleratorType == device.AcceleratorType).ToList().IndexOf(device);
        return string.Create(CultureInfo.InvariantCulture, $"{device.AcceleratorType}:{index} {device.Name}");
    }
}
