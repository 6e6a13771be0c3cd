namespace AttrHpo;

/// <summary>
/// The complementary error function and its scaled form, <c>erfcx(x) = exp(x^2) erfc(x)</c>, to about 1e-14 relative,
/// written to run inside ILGPU kernels too: static, pure, doubles only, no tables, no allocation, only Math.Exp.
/// </summary>
/// <remarks>
/// For 0 &lt;= x &lt; 2, erfcx comes from the series <c>erf(x) = 2/sqrt(pi) exp(-x^2) sum_n x (2x^2)^n / (2n+1)!!</c>,
/// whose terms are all positive (at most 31 terms; the subtraction from 1 loses at most two digits there). For x &gt;= 2
/// it is Laplace's continued fraction <c>sqrt(pi) erfcx(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))</c>, evaluated
/// by the modified Lentz method (at most 57 terms at x = 2, fewer further out; a single term beyond 1e8).
/// </remarks>
internal static class ErrorFunction
{
    private const double TwoOverSqrtPi = 1.12837916709551257390;
    private const double OneOverSqrtPi = 0.56418958354775628695;
    private const double SeriesLimit = 2.0;
    private const double Tolerance = 1e-17;
    private const int MaxTerms = 200;

    /// <summary>erfc(x) = 1 - erf(x), accurate in relative terms also where it is tiny (x up to about 26, beyond which it underflows).</summary>
    public static double Erfc(double x) =>
        x >= 0 ? Math.Exp(-x * x) * Erfcx(x) : 2.0 - (Math.Exp(-x * x) * Erfcx(-x));

    /// <summary>erfcx(x) = exp(x^2) erfc(x) for x &gt;= 0 (about 1 / (x sqrt(pi)) for large x; finite up to 1e300).</summary>
    public static double Erfcx(double x) => x < SeriesLimit ? ErfcxBySeries(x) : ErfcxByContinuedFraction(x);

    private static double ErfcxBySeries(double x)
    {
        var twoXSquared = 2.0 * x * x;
        var term = x;
        var sum = x;
        for (var n = 1; n < MaxTerms && term > Tolerance * sum; n++)
        {
            term *= twoXSquared / ((2 * n) + 1);
            sum += term;
        }

        return Math.Exp(x * x) - (TwoOverSqrtPi * sum);
    }

    private static double ErfcxByContinuedFraction(double x)
    {
        // f = x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...))), by modified Lentz: f_k = f_{k-1} C_k D_k.
        var f = x;
        var c = x;
        var d = 0.0;
        for (var k = 1; k < MaxTerms; k++)
        {
            var a = 0.5 * k;
            d = 1.0 / (x + (a * d));
            c = x + (a / c);
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < 1e-16)
            {
                break;
            }
        }

        return OneOverSqrtPi / f;
    }
}
