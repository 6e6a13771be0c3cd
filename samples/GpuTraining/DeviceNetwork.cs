using ILGPU;
using ILGPU.Runtime;
using QuickStart;

namespace GpuTraining;

/// <summary>
/// A one-hidden-layer classifier whose weights, data and every step of training live on one accelerator: full-batch
/// gradient descent, all in <see cref="MlpKernels"/>. Deterministic for a seed. Disposing it frees its device memory.
/// </summary>
internal sealed class DeviceNetwork : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly MemoryBuffer2D<float, Stride2D.DenseX> _w1; // (inputs + 1) x hidden, bias last
    private readonly MemoryBuffer2D<float, Stride2D.DenseX> _w2; // (hidden + 1) x classes, bias last
    private readonly MemoryBuffer2D<float, Stride2D.DenseX> _g1;
    private readonly MemoryBuffer2D<float, Stride2D.DenseX> _g2;
    private readonly Action<Index2D, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>> _hidden;
    private readonly Action<Index1D, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView<int>, ArrayView2D<float, Stride2D.DenseX>, ArrayView<float>> _output;
    private readonly Action<Index2D, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, float> _weightGradient;
    private readonly Action<Index2D, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>> _hiddenDelta;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, float> _step;

    public DeviceNetwork(Accelerator accelerator, int inputs, int hidden, int classes, int seed)
    {
        _accelerator = accelerator;
        var random = new Random(seed);
        _w1 = accelerator.Allocate2DDenseX(RandomWeights(inputs, hidden, MathF.Sqrt(2f / inputs), random));
        _w2 = accelerator.Allocate2DDenseX(RandomWeights(hidden, classes, MathF.Sqrt(2f / (hidden + classes)), random));
        _g1 = accelerator.Allocate2DDenseX<float>(_w1.IntExtent);
        _g2 = accelerator.Allocate2DDenseX<float>(_w2.IntExtent);
        _hidden = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>>(MlpKernels.Hidden);
        _output = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView<int>, ArrayView2D<float, Stride2D.DenseX>, ArrayView<float>>(MlpKernels.Output);
        _weightGradient = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, float>(MlpKernels.WeightGradient);
        _hiddenDelta = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>, ArrayView2D<float, Stride2D.DenseX>>(MlpKernels.HiddenDelta);
        _step = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, float>(MlpKernels.Step);
    }

    /// <summary>Copies a split to the device, with the scratch buffers a pass over it needs.</summary>
    public DeviceBatch Upload(DataSplit split) => new(_accelerator, split, (int)_w1.IntExtent.Y, (int)_w2.IntExtent.Y);

    /// <summary>One step of gradient descent over the whole batch.</summary>
    public void Train(DeviceBatch batch, float learningRate, float l2)
    {
        Forward(batch);
        _hiddenDelta(batch.Hidden.IntExtent, batch.Hidden.View, batch.Delta.View, _w2.View, batch.HiddenDelta.View);
        _weightGradient(_g2.IntExtent, batch.Hidden.View, batch.Delta.View, _w2.View, _g2.View, l2);
        _weightGradient(_g1.IntExtent, batch.Inputs.View, batch.HiddenDelta.View, _w1.View, _g1.View, l2);
        _step((int)_w1.Length, _w1.View.AsContiguous(), _g1.View.AsContiguous(), learningRate);
        _step((int)_w2.Length, _w2.View.AsContiguous(), _g2.View.AsContiguous(), learningRate);
    }

    /// <summary>The batch's mean cross-entropy.</summary>
    public double Loss(DeviceBatch batch)
    {
        Forward(batch);
        _accelerator.Synchronize();
        return batch.Loss.GetAsArray1D().Sum(v => (double)v) / batch.Count;
    }

    public void Dispose()
    {
        _w1.Dispose();
        _w2.Dispose();
        _g1.Dispose();
        _g2.Dispose();
    }

    private void Forward(DeviceBatch batch)
    {
        _hidden(batch.Hidden.IntExtent, batch.Inputs.View, _w1.View, batch.Hidden.View);
        _output(batch.Count, batch.Hidden.View, _w2.View, batch.Labels.View, batch.Delta.View, batch.Loss.View);
    }

    /// <summary>(rows + 1) x columns weights drawn from N(0, scale^2), with a last row of zero biases.</summary>
    private static float[,] RandomWeights(int rows, int columns, float scale, Random random)
    {
        var weights = new float[rows + 1, columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var u = 1.0 - random.NextDouble();
                var v = random.NextDouble();
                weights[i, j] = scale * (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
            }
        }

        return weights;
    }
}

/// <summary>A split's examples on the device, with the activations and deltas of a pass over them.</summary>
internal sealed class DeviceBatch : IDisposable
{
    public DeviceBatch(Accelerator accelerator, DataSplit split, int hidden, int classes)
    {
        Count = split.Count;
        var features = split.Features().ToArray();
        var inputs = new float[Count, split.FeatureCount];
        for (var n = 0; n < Count; n++)
        {
            for (var k = 0; k < split.FeatureCount; k++)
            {
                inputs[n, k] = (float)features[n, k];
            }
        }

        Inputs = accelerator.Allocate2DDenseX(inputs);
        Labels = accelerator.Allocate1D(split.Labels.ToArray());
        Hidden = accelerator.Allocate2DDenseX<float>(new Index2D(Count, hidden));
        HiddenDelta = accelerator.Allocate2DDenseX<float>(new Index2D(Count, hidden));
        Delta = accelerator.Allocate2DDenseX<float>(new Index2D(Count, classes));
        Loss = accelerator.Allocate1D<float>(Count);
    }

    public int Count { get; }

    public MemoryBuffer2D<float, Stride2D.DenseX> Inputs { get; }

    public MemoryBuffer1D<int, Stride1D.Dense> Labels { get; }

    public MemoryBuffer2D<float, Stride2D.DenseX> Hidden { get; }

    public MemoryBuffer2D<float, Stride2D.DenseX> HiddenDelta { get; }

    public MemoryBuffer2D<float, Stride2D.DenseX> Delta { get; }

    public MemoryBuffer1D<float, Stride1D.Dense> Loss { get; }

    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
        Hidden.Dispose();
        HiddenDelta.Dispose();
        Delta.Dispose();
        Loss.Dispose();
    }
}
