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
                    "GpCandidateSweep.Cuda needs a CUDA GPU with its driver, and ILGPU found none on this machine. Use GpCandidateSweep.Auto (CUDA when present, managed code otherwise) or GpCandidateSweep.Managed.");
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

            scratch[(j * stride) + local] = shape.SignalVariance * Matern52Kernel.CorrelationOfSquared(squared);
        }

        var sum = 0.0;
        for (var j = 0; j < n; j++)
        {
            sum += alpha[j] * scratch[(j * stride) + local];
        }

        var mean = sum + shape.PriorMean;
        var squares = ForwardSubstitute(lower, scratch, n, stride, local);

        var latent = shape.SignalVariance - squares;
        latent = latent > 0 ? latent : 0;
        long m = shape.Total;
        results[candidate] = mean;
        results[m + candidate] = latent;
        results[(2 * m) + candidate] = LogExpectedImprovement.Compute(mean, Math.Sqrt(latent), shape.Best);
    }

    /// <summary>
    /// v = L^-1 k in place in the candidate's scratch column; returns v.v. Rows go in tiles of 8: the 8 accumulators of a tile
    /// and 8 values of v stay in registers while a tile of L is applied, which cuts the scratch traffic eightfold. Each row's
    /// sum still runs over j in ascending order, as in the managed scorer.
    /// </summary>
    private static double ForwardSubstitute(ArrayView<double> lower, ArrayView<double> scratch, int n, long stride, long local)
    {
        var squares = 0.0;
        var tiles = n / 8;
        for (var tile = 0; tile < tiles; tile++)
        {
            long r = tile * 8;
            var a0 = scratch[((r + 0) * stride) + local];
            var a1 = scratch[((r + 1) * stride) + local];
            var a2 = scratch[((r + 2) * stride) + local];
            var a3 = scratch[((r + 3) * stride) + local];
            var a4 = scratch[((r + 4) * stride) + local];
            var a5 = scratch[((r + 5) * stride) + local];
            var a6 = scratch[((r + 6) * stride) + local];
            var a7 = scratch[((r + 7) * stride) + local];
            for (var other = 0; other < tile; other++)
            {
                long c = other * 8;
                var v0 = scratch[((c + 0) * stride) + local];
                var v1 = scratch[((c + 1) * stride) + local];
                var v2 = scratch[((c + 2) * stride) + local];
                var v3 = scratch[((c + 3) * stride) + local];
                var v4 = scratch[((c + 4) * stride) + local];
                var v5 = scratch[((c + 5) * stride) + local];
                var v6 = scratch[((c + 6) * stride) + local];
                var v7 = scratch[((c + 7) * stride) + local];
                a0 = Apply(a0, lower, ((r + 0) * n) + c, v0, v1, v2, v3, v4, v5, v6, v7);
                a1 = Apply(a1, lower, ((r + 1) * n) + c, v0, v1, v2, v3, v4, v5, v6, v7);
                a2 = Apply(a2, lower, ((r + 2) * n) + c, v0, v1, v2, v3, v4, v5, v6, v7);
                a3 = Apply(a3, lower, ((r + 3) * n) + c, v0, v1, v2, v3, v4, v5, v6, v7);
                a4 = Apply(a4, lower, ((r + 4) * n) + c, v0, v1, v2, v3, v4, v5, v6, v7);
                a5 = Apply(a5, lower, ((r + 5) * n) + c, v0, v1, v2, v3, v4, v5, v6, v7);
                a6 = Apply(a6, lower, ((r + 6) * n) + c, v0, v1, v2, v3, v4, v5, v6, v7);
                a7 = Apply(a7, lower, ((r + 7) * n) + c, v0, v1, v2, v3, v4, v5, v6, v7);
            }

            scratch[((r + 0) * stride) + local] = a0;
            scratch[((r + 1) * stride) + local] = a1;
            scratch[((r + 2) * stride) + local] = a2;
            scratch[((r + 3) * stride) + local] = a3;
            scratch[((r + 4) * stride) + local] = a4;
            scratch[((r + 5) * stride) + local] = a5;
            scratch[((r + 6) * stride) + local] = a6;
            scratch[((r + 7) * stride) + local] = a7;
            squares = FinishRows(lower, scratch, n, stride, local, r, r, r + 8, squares);
        }

        return FinishRows(lower, scratch, n, stride, local, 0, tiles * 8, n, squares);
    }

    /// <summary>acc - l[at] v0 - l[at + 1] v1 - ... - l[at + 7] v7, subtracted in that order.</summary>
    private static double Apply(double acc, ArrayView<double> lower, long at, double v0, double v1, double v2, double v3, double v4, double v5, double v6, double v7)
    {
        acc -= lower[at + 0] * v0;
        acc -= lower[at + 1] * v1;
        acc -= lower[at + 2] * v2;
        acc -= lower[at + 3] * v3;
        acc -= lower[at + 4] * v4;
        acc -= lower[at + 5] * v5;
        acc -= lower[at + 6] * v6;
        acc -= lower[at + 7] * v7;
        return acc;
    }

    /// <summary>Rows first .. end - 1: subtracts columns from .. i - 1 (those before from are done), divides by the diagonal, adds v_i^2.</summary>
    private static double FinishRows(ArrayView<double> lower, ArrayView<double> scratch, int n, long stride, long local, long from, long first, long end, double squares)
    {
        for (var i = first; i < end; i++)
        {
            var row = i * n;
            var value = scratch[(i * stride) + local];
            for (var j = from; j < i; j++)
            {
                value -= lower[row + j] * scratch[(j * stride) + local];
            }

            value /= lower[row + i];
            scratch[(i * stride) + local] = value;
            squares += value * value;
        }

        return squares;
    }

    /// <summary>The scalars of one kernel launch.</summary>
    internal readonly record struct SweepShape(int Count, int Dimensions, int Total, int First, int Size, double SignalVariance, double PriorMean, double Best);
}
