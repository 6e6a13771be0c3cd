namespace AttrHpo.Annotations.Rules;

/// <summary>Reads the boxed numbers of attribute arguments.</summary>
internal static class Numbers
{
    public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    /// <summary>Whether the boxed value has an integral type (a whole double does not count).</summary>
    public static bool IsIntegral(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong;

    public static bool TryGetDouble(object? value, out double result)
    {
        switch (value)
        {
            case double d:
                result = d;
                return true;
            case float f:
                result = f;
                return true;
            case sbyte or byte or short or ushort or int or uint or long:
                result = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case ulong u:
                result = u;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Reads an integer, accepting a real only when it is whole and fits a <see cref="long"/>.</summary>
    public static bool TryGetInteger(object? value, out long result)
    {
        result = 0;
        if (value is ulong u)
        {
            if (u > long.MaxValue)
            {
                return false;
            }

            result = (long)u;
            return true;
        }

        if (IsIntegral(value))
        {
            result = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }

        if (TryGetDouble(value, out var real) && IsFinite(real) && Math.Floor(real) == real && real >= -9.2233720368547758E18 && real < 9.2233720368547758E18)
        {
            result = (long)real;
            return true;
        }

        return false;
    }
}
