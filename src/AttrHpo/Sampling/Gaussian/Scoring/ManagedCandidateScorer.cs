using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttrHpo;

/// <summary>
/// Scores candidates in managed code, in parallel over blocks of candidates. Within a block the candidates sit in the
/// lanes of SIMD vectors, so one pass over a row of L serves all of them; each candidate's sums still run in the same order
/// as the ILGPU kernel's, so both give the same numbers.
/// </summary>
internal sealed class ManagedCandidateScorer : ICandidateScorer
{
    /// <summary>Candidates per block: four vectors, four independent dependency chains in the forward substitution.</summary>
    private static readonly int BlockSize = 4 * Vector<double>.Count;

    /// <inheritdoc />
    public void Score(GpPosterior posterior, ReadOnlySpan<double> candidates, double best, Span<double> mean, Span<double> variance, Span<double> logEi)
    {
        var m = CandidateSweep.Validate(posterior, candidates, best, mean, variance, logEi);
        if (m == 0)
        {
            return;
        }

        var pool = ArrayPool<double>.Shared;
        var points = pool.Rent(candidates.Length);
        var results = pool.Rent(3 * m);
        try
        {
            candidates.CopyTo(points);
            var blocks = (m + BlockSize - 1) / BlockSize;
            var workLength = posterior.Count * BlockSize;
            Parallel.For(
                0,
                blocks,
                () => new double[workLength],
                (block, _, work) =>
                {
                    ScoreBlock(posterior, points, m, block * BlockSize, best, work, results);
                    return work;
                },
                _ => { });
            results.AsSpan(0, m).CopyTo(mean);
            results.AsSpan(m, m).CopyTo(variance);
            results.AsSpan(2 * m, m).CopyTo(logEi);
        }
        finally
        {
            pool.Return(points);
            pool.Return(results);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Scores candidates first .. first + BlockSize - 1 (the last one repeated past m); work holds n * BlockSize values.</summary>
    private static void ScoreBlock(GpPosterior posterior, double[] points, int m, int first, double best, double[] work, double[] results)
    {
        var n = posterior.Count;
        var d = posterior.Dimensions;
        var inputs = posterior.Inputs;
        var scales = posterior.LengthScales;
        var s2 = posterior.SignalVariance;

        // Kernel rows: work[j * BlockSize + b] = k(x_j, c_b).
        for (var b = 0; b < BlockSize; b++)
        {
            var offset = Math.Min(first + b, m - 1) * d;
            for (var j = 0; j < n; j++)
            {
                var squared = 0.0;
                for (var t = 0; t < d; t++)
                {
                    var scaled = (inputs[(j * d) + t] - points[offset + t]) / scales[t];
                    squared += scaled * scaled;
                }

                work[(j * BlockSize) + b] = s2 * Matern52Kernel.CorrelationOfSquared(squared);
            }
        }

        Span<double> means = stackalloc double[BlockSize];
        var alpha = posterior.Alpha;
        for (var b = 0; b < BlockSize; b++)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += alpha[j] * work[(j * BlockSize) + b];
            }

            means[b] = sum + posterior.PriorMean;
        }

        var squares = ForwardSubstitute(posterior.Lower, n, work);
        for (var b = 0; b < BlockSize && first + b < m; b++)
        {
            var c = first + b;
            var latent = Math.Max(s2 - squares[b], 0.0);
            results[c] = means[b];
            results[m + c] = latent;
            results[(2 * m) + c] = LogExpectedImprovement.Compute(means[b], Math.Sqrt(latent), best);
        }
    }

    /// <summary>Overwrites the kernel rows with v = L^-1 k, row by row, and returns v.v for each candidate of the block.</summary>
    /// <remarks>The hot loop of the sweep (n^2 / 2 steps per block): unchecked loads, four independent accumulators.</remarks>
    private static double[] ForwardSubstitute(double[] lower, int n, double[] work)
    {
        var width = (nuint)Vector<double>.Count;
        ref var l = ref MemoryMarshal.GetArrayDataReference(lower);
        ref var w = ref MemoryMarshal.GetArrayDataReference(work);
        Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero, s2 = Vector<double>.Zero, s3 = Vector<double>.Zero;
        for (var i = 0; i < n; i++)
        {
            var at = (nuint)(i * BlockSize);
            var a0 = Vector.LoadUnsafe(ref w, at);
            var a1 = Vector.LoadUnsafe(ref w, at + width);
            var a2 = Vector.LoadUnsafe(ref w, at + (2 * width));
            var a3 = Vector.LoadUnsafe(ref w, at + (3 * width));
            ref var row = ref Unsafe.Add(ref l, i * n);
            nuint v = 0;
            for (var j = 0; j < i; j++, v += (nuint)BlockSize)
            {
                var factor = new Vector<double>(Unsafe.Add(ref row, j));
                a0 -= factor * Vector.LoadUnsafe(ref w, v);
                a1 -= factor * Vector.LoadUnsafe(ref w, v + width);
                a2 -= factor * Vector.LoadUnsafe(ref w, v + (2 * width));
                a3 -= factor * Vector.LoadUnsafe(ref w, v + (3 * width));
            }

            var diagonal = new Vector<double>(Unsafe.Add(ref row, i));
            a0 /= diagonal;
            a1 /= diagonal;
            a2 /= diagonal;
            a3 /= diagonal;
            a0.StoreUnsafe(ref w, at);
            a1.StoreUnsafe(ref w, at + width);
            a2.StoreUnsafe(ref w, at + (2 * width));
            a3.StoreUnsafe(ref w, at + (3 * width));
            s0 += a0 * a0;
            s1 += a1 * a1;
            s2 += a2 * a2;
            s3 += a3 * a3;
        }

        var squares = new double[BlockSize];
        s0.CopyTo(squares, 0);
        s1.CopyTo(squares, (int)width);
        s2.CopyTo(squares, 2 * (int)width);
        s3.CopyTo(squares, 3 * (int)width);
        return squares;
    }
}
