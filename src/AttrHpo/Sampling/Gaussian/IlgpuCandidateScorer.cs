using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace AttrHpo;

/// <summary>
/// Scores candidates with an ILGPU kernel, one thread per candidate, on ILGPU's CPU accelerator or a CUDA GPU. Owns one
/// ILGPU context and accelerator; device buffers grow as needed and are reused across calls, and a posterior already on the
/// device (the same object as the last call's) is not uploaded again.
/// </summary>
/// <remarks>
/// Each thread computes its candidate's kernel row against the n observations, the mean <c>k.alpha + PriorMean</c>,
/// <c>v = L^-1 k</c> by forward substitution (in a scratch column of n values, laid out so that neighbouring threads touch
/// neighbouring addresses), the variance <c>s2 - v.v</c> clamped at 0, and the log expected improvement: the same operations in
/// the same order as <see cref="ManagedCandidateScorer"/>. Large sweeps run in chunks so that the scratch stays below
/// <see cref="DefaultScratchValues"/> doubles. On CUDA the maths library is NVIDIA's LibDevice when the CUDA toolkit is installed.
/// </remarks>
internal sealed class IlgpuCandidateScorer : ICandidateScorer
{
    /// <summary>The most scratch doubles one launch uses by default (256 MiB): candidates per launch = this / n.</summary>
    internal const long DefaultScratchValues = 32L << 20;

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, SweepShape, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>> _kernel;
    private readonly Dictionary<string, MemoryBuffer1D<double, Stride1D.Dense>> _buffers = new(StringComparer.Ordinal);
    private GpPosterior? _onDevice;

    /// <summary>The most scratch doubles one launch uses: sweeps with more candidates than this / n run in several launches.</summary>
    private readonly long _scratchValues;

    private IlgpuCandidateScorer(Context context, Accelerator accelerator, long scratchValues)
    {
        _scratchValues = scratchValues;
        _context = context;
        _accelerator = accelerator;
        _kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, SweepShape, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>>(ScoreKernel);
    }

    /// <summary>The accelerator's name, for reports.</summary>
    public string DeviceName => _accelerator.Name;

    /// <summary>A scorer on ILGPU's CPU accelerator (the kernel as the GPU runs it, executed by CPU threads).</summary>
    /// <param name="scratchValues">The most scratch doubles one launch may use (tests make it small to exercise chunking).</param>
    public static IlgpuCandidateScorer CreateCpu(long scratchValues = DefaultScratchValues)
    {
        var context = Context.Create(builder => builder.CPU());
        try
        {
            return new IlgpuCandidateScorer(context, context.CreateCPUAccelerator(0), scratchValues);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Whether ILGPU finds a CUDA GPU on this machine.</summary>
    public static bool IsCudaAvailable()
    {
        try
        {
            using var context = Context.Create(builder => builder.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or TypeInitializationException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A scorer on the first CUDA GPU.</summary>
    /// <exception cref="InvalidOperationException">ILGPU finds no CUDA GPU.</exception>
    public static IlgpuCandidateScorer CreateCuda()
    {
        var context = CreateCudaContext();
        try
        {
            if (context.GetCudaDevices().Count == 0)
            {
                throw new InvalidOperationException(
                    "GpSweepDevice.Cuda needs a CUDA GPU with its driver, and ILGPU found none on this machine. Use GpSweepDevice.Auto (CUDA when present, managed code otherwise) or GpSweepDevice.Managed.");
            }

            return new IlgpuCandidateScorer(context, context.CreateCudaAccelerator(0), DefaultScratchValues);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>A CUDA context with NVIDIA's LibDevice maths when the CUDA toolkit is installed, ILGPU's own maths otherwise.</summary>
    private static Context CreateCudaContext()
    {
        try
        {
            return Context.Create(builder => builder.Cuda().LibDevice());
        }
        catch (NotSupportedException)
        {
            return Context.Create(builder => builder.Cuda());
        }
    }

    /// <inheritdoc />
    public void Score(GpPosterior posterior, ReadOnlySpan<double> candidates, double best, Span<double> mean, Span<double> variance, Span<double> logEi)
    {
        var m = CandidateSweep.Validate(posterior, candidates, best, mean, variance, logEi);
        if (m == 0)
        {
            return;
        }

        var n = posterior.Count;
        if (!ReferenceEquals(posterior, _onDevice))
        {
            _onDevice = null;
            Upload("inputs", posterior.Inputs);
            Upload("scales", posterior.LengthScales);
            Upload("alpha", posterior.Alpha);
            Upload("lower", posterior.Lower);
            _onDevice = posterior;
        }

        var points = Buffer("candidates", candidates.Length);
        points.View.AsContiguous().SubView(0, candidates.Length).CopyFromCPU(candidates);
        var results = Buffer("results", 3L * m);
        var chunk = (int)Math.Clamp(_scratchValues / n, 1, m);
        var scratch = Buffer("scratch", (long)chunk * n);
        for (var first = 0; first < m; first += chunk)
        {
            var size = Math.Min(chunk, m - first);
            var shape = new SweepShape(n, posterior.Dimensions, m, first, size, posterior.SignalVariance, posterior.PriorMean, best);
            _kernel(size, shape, View("inputs"), View("scales"), View("alpha"), View("lower"), points.View, scratch.View, results.View);
        }

        _accelerator.Synchronize();
        results.View.AsContiguous().SubView(0, m).CopyToCPU(mean);
        results.View.AsContiguous().SubView(m, m).CopyToCPU(variance);
        results.View.AsContiguous().SubView(2L * m, m).CopyToCPU(logEi);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var buffer in _buffers.Values)
        {
            buffer.Dispose();
        }

        _buffers.Clear();
        _accelerator.Dispose();
        _context.Dispose();
    }

    private ArrayView<double> View(string name) => _buffers[name].View;

    private void Upload(string name, double[] values) => Buffer(name, values.Length).View.AsContiguous().SubView(0, values.Length).CopyFromCPU(values);

    /// <summary>The named buffer, grown (to at least twice its old size) when it holds fewer than <paramref name="length"/> values.</summary>
    private MemoryBuffer1D<double, Stride1D.Dense> Buffer(string name, long length)
    {
        if (_buffers.TryGetValue(name, out var buffer) && buffer.Length >= length)
        {
            return buffer;
        }

        var capacity = Math.Max(length, buffer is null ? 0 : 2 * buffer.Length);
        buffer?.Dispose();
        buffer = _accelerator.Allocate1D<double>(Math.Max(capacity, 1));
        _buffers[name] = buffer;
        return buffer;
    }

    /// <summary>One thread: candidate <c>shape.First + index</c>. Same operations, same order as the managed scorer.</summary>
    private static void ScoreKernel(
        Index1D index,
        SweepShape shape,
        ArrayView<double> inputs,
        ArrayView<double> scales,
        ArrayView<double> alpha,
        ArrayView<double> lower,
        ArrayView<double> candidates,
        ArrayView<double> scratch,
        ArrayView<double> results)
    {
        var n = shape.Count;
        var d = shape.Dimensions;
        var stride = (long)shape.Size;
        long local = index;
        var candidate = shape.First + local;
        var offset = candidate * d;
        for (var j = 0; j < n; j++)
        {
            var squared = 0.0;
            for (var t = 0; t < d; t++)
            {
                var scaled = (inputs[((long)j * d) + t] - candidates[offset + t]) / scales[t];
                squared += scaled * scaled;
            }

            scratch[(j * stride) + local] = shape.SignalVariance * Matern52.Correlation(squared);
        }

        var sum = 0.0;
        for (var j = 0; j < n; j++)
        {
            sum += alpha[j] * scratch[(j * stride) + local];
        }

        var mean = sum + shape.PriorMean;
        var squares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = (long)i * n;
            var value = scratch[(i * stride) + local];
            for (var j = 0; j < i; j++)
            {
                value -= lower[row + j] * scratch[(j * stride) + local];
            }

            value /= lower[row + i];
            scratch[(i * stride) + local] = value;
            squares += value * value;
        }

        var latent = shape.SignalVariance - squares;
        latent = latent > 0 ? latent : 0;
        long m = shape.Total;
        results[candidate] = mean;
        results[m + candidate] = latent;
        results[(2 * m) + candidate] = LogExpectedImprovement.Compute(mean, Math.Sqrt(latent), shape.Best);
    }

    /// <summary>The scalars of one kernel launch.</summary>
    internal readonly record struct SweepShape(int Count, int Dimensions, int Total, int First, int Size, double SignalVariance, double PriorMean, double Best);
}
