namespace AttrHpo;

/// <summary>Solves with a row-major lower-triangular factor L, in place.</summary>
internal static class TriangularSolve
{
    /// <summary>Overwrites <paramref name="b"/> with L^-1 b (forward substitution).</summary>
    public static void Lower(ReadOnlySpan<double> lower, int n, Span<double> b)
    {
        for (var i = 0; i < n; i++)
        {
            var row = lower.Slice(i * n, i);
            var sum = b[i];
            for (var j = 0; j < i; j++)
            {
                sum -= row[j] * b[j];
            }

            b[i] = sum / lower[(i * n) + i];
        }
    }

    /// <summary>Overwrites <paramref name="b"/> with L^-T b (back substitution, column by column so rows stay contiguous).</summary>
    public static void LowerTransposed(ReadOnlySpan<double> lower, int n, Span<double> b)
    {
        for (var i = n - 1; i >= 0; i--)
        {
            var x = b[i] / lower[(i * n) + i];
            b[i] = x;
            var row = lower.Slice(i * n, i);
            for (var j = 0; j < i; j++)
            {
                b[j] -= row[j] * x;
            }
        }
    }
}
