using AttrHpo.Tests.Support;
using ILGPU;
using ILGPU.Runtime;

namespace AttrHpo.Tests.Execution;

/// <summary>A generated objective that takes an accelerator and runs a kernel on it.</summary>
public static partial class GpuKernels
{
    /// <summary>Fills 256 floats with <c>scale * i</c> on the device and sums them on the host: <c>scale * 32640</c>.</summary>
    [Objective]
    public static double Ramp([Hyperparameter(1, 64)] int scale, Accelerator accelerator)
    {
        using var buffer = accelerator.Allocate1D<float>(256);
        var kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, float>(Fill);
        kernel((int)buffer.Length, buffer.View, scale);
        accelerator.Synchronize();
        return buffer.GetAsArray1D().Sum();
    }

    private static void Fill(Index1D index, ArrayView<float> values, float scale) => values[index] = scale * index;
}

/// <summary>The test objective, asking for a device lease like a shim whose method takes an accelerator.</summary>
public sealed class GpuTestObjective(TestInvoke invoke) : TestObjective(invoke, id: "AttrHpo.Tests.GpuTestObjective")
{
    public override bool NeedsAccelerator => true;
}
