using System.Globalization;

namespace AttrHpo;

/// <summary>
/// The direction numbers of the Sobol sequence, in 64-bit fixed point: <c>v_k = m_k / 2^k</c> is stored as <c>m_k &lt;&lt; (64 - k)</c>.
/// Dimension 1 is the van der Corput sequence (every <c>m_k = 1</c>); dimensions 2 to 298 come from the Joe and Kuo table
/// <c>new-joe-kuo-6.298.txt</c> embedded in the assembly (see THIRD-PARTY-NOTICES.md), extended by their recurrence.
/// </summary>
/// <remarks>Parsed once, on first use, into an immutable table shared by every sampler.</remarks>
internal sealed class SobolDirections
{
    /// <summary>The number of dimensions the table gives.</summary>
    public const int MaxDimensions = 298;

    /// <summary>Direction numbers per dimension: enough for every index below 2^32, so every trial number.</summary>
    public const int Bits = 32;

    /// <summary>The logical name of the embedded table.</summary>
    public const string ResourceName = "AttrHpo.Sobol.new-joe-kuo-6.298.txt";

    private static readonly Lazy<SobolDirections> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ulong[] _numbers;

    private SobolDirections(ulong[] numbers, int dimensions)
    {
        _numbers = numbers;
        Dimensions = dimensions;
    }

    /// <summary>The table of the embedded resource.</summary>
    public static SobolDirections Instance => Shared.Value;

    /// <summary>How many dimensions the table holds.</summary>
    public int Dimensions { get; }

    /// <summary>The <see cref="Bits"/> direction numbers of <paramref name="dimension"/> (0-based), <c>v_1</c> first.</summary>
    public ReadOnlySpan<ulong> For(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, Dimensions);
        return _numbers.AsSpan(dimension * Bits, Bits);
    }

    /// <summary>
    /// Parses a Joe-Kuo table: a header line, then one line per dimension <c>d s a m_1 .. m_s</c> for d = 2, 3, ...
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not such a table.</exception>
    public static SobolDirections Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<ulong[]> { VanDerCorput() };
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || (lineNumber == 1 && fields[0] == "d"))
            {
                continue;
            }

            rows.Add(ParseRow(fields, rows.Count + 1, lineNumber));
        }

        var numbers = new ulong[rows.Count * Bits];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(numbers, i * Bits);
        }

        return new SobolDirections(numbers, rows.Count);
    }

    private static SobolDirections Load()
    {
        using var stream = typeof(SobolDirections).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The Sobol direction numbers '{ResourceName}' are missing from the AttrHpo assembly.");
        using var reader = new StreamReader(stream);
        var table = Parse(reader);
        if (table.Dimensions != MaxDimensions)
        {
            throw new InvalidDataException($"The Sobol table '{ResourceName}' has {table.Dimensions} dimensions; expected {MaxDimensions}.");
        }

        return table;
    }

    private static ulong[] VanDerCorput()
    {
        var v = new ulong[Bits];
        for (var k = 0; k < Bits; k++)
        {
            v[k] = 1UL << (63 - k);
        }

        return v;
    }

    /// <summary>One dimension's direction numbers from its row: <c>m_1 .. m_s</c> given, the rest by the primitive polynomial's recurrence.</summary>
    private static ulong[] ParseRow(string[] fields, int expectedDimension, int lineNumber)
    {
        string Where() => $"Sobol table line {lineNumber}";
        if (fields.Length < 4)
        {
            throw new InvalidDataException($"{Where()}: expected 'd s a m_1 .. m_s'.");
        }

        var d = ParseInt(fields[0], Where);
        var degree = ParseInt(fields[1], Where);
        var a = ParseInt(fields[2], Where);
        if (d != expectedDimension || degree < 1 || degree > Bits || fields.Length != 3 + degree || a >= 1L << (int)(degree - 1))
        {
            throw new InvalidDataException($"{Where()}: expected dimension {expectedDimension} with a degree s and s initial numbers m_i.");
        }

        var s = (int)degree;

        // v_k = m_k / 2^k in 64-bit fixed point (k is 1-based in the papers, 0-based here).
        var v = new ulong[Bits];
        for (var k = 0; k < s; k++)
        {
            var m = ParseInt(fields[3 + k], Where);
            if (m <= 0 || (m & 1) == 0 || m >= 1L << (k + 1))
            {
                throw new InvalidDataException($"{Where()}: m_{k + 1} = {m} must be odd and less than 2^{k + 1}.");
            }

            v[k] = (ulong)m << (63 - k);
        }

        // Bratley and Fox (1988): v_k = a_1 v_{k-1} ^ ... ^ a_{s-1} v_{k-s+1} ^ v_{k-s} ^ (v_{k-s} >> s),
        // with a_1 .. a_{s-1} the bits of a, most significant first.
        for (var k = s; k < Bits; k++)
        {
            var value = v[k - s] ^ (v[k - s] >> s);
            for (var j = 1; j < s; j++)
            {
                if (((a >> (s - 1 - j)) & 1) != 0)
                {
                    value ^= v[k - j];
                }
            }

            v[k] = value;
        }

        return v;
    }

    private static long ParseInt(string text, Func<string> where) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{where()}: '{text}' is not a number.");
}
