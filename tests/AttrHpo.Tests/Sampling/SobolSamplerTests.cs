using System.Globalization;
using AttrHpo.Tests.Support;

namespace AttrHpo.Tests.Sampling;

public sealed class SobolSamplerTests
{
    private static readonly SobolSampler Plain = new() { Scramble = false };
    private static readonly SobolSampler Scrambled = new();

    private static SearchSpace Cube(int dimensions) =>
        new([.. Enumerable.Range(0, dimensions).Select(i => new RealDimension($"x{i}", 0, 1))]);

    private static double[] Suggest(SobolSampler sampler, SearchSpace space, int number, ulong seed = 0, IReadOnlyList<Observation>? completed = null) =>
        sampler.Suggest(new SamplingContext(space, number, seed, completed ?? [], []));

    private static double[][] Points(SobolSampler sampler, int dimensions, int count, ulong seed = 0, int first = 0)
    {
        var space = Cube(dimensions);
        return [.. Enumerable.Range(first, count).Select(n => Suggest(sampler, space, n, seed))];
    }

    [Fact]
    public void UnscrambledDimensionOneIsTheVanDerCorputSequenceInGrayCodeOrder()
    {
        double[] expected = [0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875, 0.6875, 0.9375, 0.4375, 0.3125, 0.8125, 0.5625, 0.0625];
        Assert.Equal(expected, Points(Plain, 1, expected.Length).Select(p => p[0]));

        // Independently: the bits of the Gray code of n, reflected about the binary point.
        for (var n = 0; n < 4096; n++)
        {
            var gray = (uint)(n ^ (n >> 1));
            var radicalInverse = 0.0;
            for (var bit = 0; bit < 32; bit++)
            {
                radicalInverse += ((gray >> bit) & 1) / Math.Pow(2, bit + 1);
            }

            Assert.Equal(radicalInverse, Suggest(Plain, Cube(1), n)[0]);
        }
    }

    [Fact]
    public void UnscrambledTwoDimensionalPointsAreTheKnownOnes()
    {
        double[][] expected =
        [
            [0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875], [0.625, 0.125], [0.125, 0.625],
            [0.1875, 0.3125], [0.6875, 0.8125],
        ];
        Assert.Equal(expected, Points(Plain, 2, expected.Length));
    }

    /// <summary>
    /// Published values: SciPy 1.10's <c>scipy.stats.qmc.Sobol(d=298, scramble=False)</c>, which uses the same Joe-Kuo
    /// direction numbers, at points 5, 123, 999 and 2^20 + 12345 for dimensions 1, 2, 3, 10, 100, 200 and 298.
    /// </summary>
    [Theory]
    [InlineData(5, "0.875 0.875 0.125 0.125 0.375 0.375 0.625")]
    [InlineData(123, "0.3828125 0.7890625 0.1796875 0.1640625 0.7265625 0.7890625 0.9453125")]
    [InlineData(999, "0.1572265625 0.9091796875 0.0810546875 0.6318359375 0.4990234375 0.9052734375 0.7646484375")]
    [InlineData(1_060_921, "0.6409316062927246 0.657172679901123 0.519355297088623 0.9305949211120605 0.289121150970459 0.0794682502746582 0.27683401107788086")]
    public void UnscrambledPointsMatchPublishedValues(int number, string values)
    {
        int[] dimensions = [1, 2, 3, 10, 100, 200, 298];
        var expected = values.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var point = Suggest(Plain, Cube(298), number);
        Assert.Equal(expected, dimensions.Select(d => point[d - 1]));
    }

    [Fact]
    public void UnscrambledPointsMatchADirectComputationFromTheTable()
    {
        var table = ReferenceSobol.FromEmbeddedTable();
        Assert.Equal(SobolSampler.MaxDimensions, table.Count);
        var space = Cube(SobolSampler.MaxDimensions);
        int[] numbers = [.. Enumerable.Range(0, 1100), 4095, 4096, 65_535, 1 << 20, 123_456_789, int.MaxValue - 1, int.MaxValue];
        foreach (var n in numbers)
        {
            var point = Suggest(Plain, space, n);
            for (var d = 0; d < table.Count; d++)
            {
                Assert.True(table.Coordinate(d, n) == point[d], $"point {n}, dimension {d + 1}: expected {table.Coordinate(d, n)}, got {point[d]}");
            }
        }
    }

    [Theory]
    [InlineData(false, 0UL)]
    [InlineData(true, 0UL)]
    [InlineData(true, 12345UL)]
    [InlineData(true, ulong.MaxValue)]
    public void EveryDimensionIsStratified(bool scramble, ulong seed)
    {
        // For every k <= 10, the first 2^k points, and the next block of 2^k, put one point in each [j / 2^k, (j + 1) / 2^k).
        var points = Points(new SobolSampler { Scramble = scramble }, SobolSampler.MaxDimensions, 2048, seed);
        for (var d = 0; d < SobolSampler.MaxDimensions; d++)
        {
            for (var k = 0; k <= 10; k++)
            {
                var cells = 1 << k;
                foreach (var start in new[] { 0, cells })
                {
                    var counts = new int[cells];
                    for (var n = start; n < start + cells; n++)
                    {
                        counts[(int)Math.Floor(points[n][d] * cells)]++;
                    }

                    Assert.True(counts.All(c => c == 1), $"dimension {d + 1}, points {start}..{start + cells - 1}: not one point per 1/{cells} interval");
                }
            }
        }
    }

    [Theory]
    [InlineData(false, 0UL)]
    [InlineData(true, 0UL)]
    [InlineData(true, 987UL)]
    public void TheFirstTwoDimensionsFormZeroMTwoNets(bool scramble, ulong seed)
    {
        var points = Points(new SobolSampler { Scramble = scramble }, 2, 4096, seed);
        for (var m = 0; m <= 12; m++)
        {
            var count = 1 << m;
            for (var i = 0; i <= m; i++)
            {
                // Elementary boxes [a / 2^i, (a + 1) / 2^i) x [b / 2^(m-i), (b + 1) / 2^(m-i)): 2^m of them, each of area 2^-m.
                var columns = 1 << i;
                var rows = 1 << (m - i);
                var counts = new int[count];
                for (var n = 0; n < count; n++)
                {
                    var a = (int)Math.Floor(points[n][0] * columns);
                    var b = (int)Math.Floor(points[n][1] * rows);
                    counts[(a * rows) + b]++;
                }

                Assert.True(counts.All(c => c == 1), $"m = {m}, boxes of 2^-{i} x 2^-{m - i}: not one point per box");
            }
        }
    }

    [Fact]
    public void CoordinatesLieInTheHalfOpenUnitInterval()
    {
        foreach (var seed in new[] { 0UL, 1UL, ulong.MaxValue })
        {
            foreach (var point in Points(Scrambled, 16, 4096, seed))
            {
                Assert.All(point, u => Assert.InRange(u, 0.0, Math.BitDecrement(1.0)));
            }
        }

        Assert.All(Suggest(Scrambled, Cube(SobolSampler.MaxDimensions), int.MaxValue, 3), u => Assert.InRange(u, 0.0, Math.BitDecrement(1.0)));
        Assert.All(Suggest(Plain, Cube(SobolSampler.MaxDimensions), int.MaxValue), u => Assert.InRange(u, 0.0, Math.BitDecrement(1.0)));
    }

    [Fact]
    public void ThePointDependsOnlyOnSeedAndTrialNumber()
    {
        var space = Cube(5);
        var history = new[] { new Observation([0.1, 0.2, 0.3, 0.4, 0.5], 1.0) };
        Assert.Equal(Suggest(Scrambled, space, 7, 42), Suggest(Scrambled, space, 7, 42));
        Assert.Equal(Suggest(Scrambled, space, 7, 42), Suggest(new SobolSampler(), space, 7, 42, history));
        Assert.Equal(Points(Scrambled, 5, 64, seed: 9), Points(Scrambled, 5, 64, seed: 9));

        // Reordering the calls (as parallel workers do) changes nothing.
        var forward = Points(Scrambled, 5, 64, seed: 9);
        var backward = Enumerable.Range(0, 64).Reverse().Select(n => (n, p: Suggest(Scrambled, space, n, 9))).OrderBy(x => x.n).Select(x => x.p);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void DifferentSeedsScrambleDifferently()
    {
        var a = Points(Scrambled, 3, 32, seed: 1).SelectMany(p => p).ToArray();
        var b = Points(Scrambled, 3, 32, seed: 2).SelectMany(p => p).ToArray();
        Assert.Equal(0, a.Zip(b).Count(x => x.First == x.Second));
        Assert.NotEqual(Suggest(Scrambled, Cube(3), 0, 0), Suggest(Scrambled, Cube(3), 0, ulong.MaxValue));

        // The unscrambled sequence ignores the seed.
        Assert.Equal(Points(Plain, 3, 32, seed: 1), Points(Plain, 3, 32, seed: 2));
    }

    [Fact]
    public void ScrambledPointsAreUniformAcrossSeeds()
    {
        // Each scrambled point is uniformly distributed: the first point is no longer the corner (0, ..., 0).
        var space = Cube(2);
        var first = Enumerable.Range(0, 2000).Select(seed => Suggest(Scrambled, space, 0, (ulong)seed)).ToArray();
        for (var d = 0; d < 2; d++)
        {
            var values = first.Select(p => p[d]).ToArray();
            Assert.Equal(values.Length, values.Distinct().Count());
            Assert.InRange(values.Average(), 0.47, 0.53);
            var deciles = new int[10];
            foreach (var u in values)
            {
                deciles[(int)(u * 10)]++;
            }

            Assert.All(deciles, c => Assert.InRange(c, 140, 260));
        }
    }

    [Fact]
    public void DimensionsAreScrambledIndependently()
    {
        var points = Points(Scrambled, 4, 1, seed: 5)[0];
        Assert.Equal(4, points.Distinct().Count());
    }

    [Fact]
    public void TooManyDimensionsIsAClearError()
    {
        var space = Cube(SobolSampler.MaxDimensions + 1);
        var error = Assert.Throws<ArgumentException>(() => Suggest(Scrambled, space, 0));
        Assert.Contains("299", error.Message, StringComparison.Ordinal);
        Assert.Contains("298", error.Message, StringComparison.Ordinal);
        Assert.Contains("RandomSampler", error.Message, StringComparison.Ordinal);
        Assert.Equal(SobolSampler.MaxDimensions, Suggest(Scrambled, Cube(SobolSampler.MaxDimensions), 0).Length);
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentNullException>(() => Scrambled.Suggest(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Suggest(Scrambled, Cube(2), -1));
        Assert.Empty(Suggest(Scrambled, Cube(0), 3));
    }

    [Fact]
    public void SobolPointsFillTheSpaceMoreEvenlyThanRandomPoints()
    {
        const int dimensions = 4;
        const int count = 256;
        var space = Cube(dimensions);
        var random = new RandomSampler();
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var sobol = Points(Scrambled, dimensions, count, seed);
            var uniform = Enumerable.Range(0, count).Select(n => random.Suggest(new SamplingContext(space, n, seed, [], []))).ToArray();
            var sobolDiscrepancy = CentredL2Discrepancy(sobol);
            var randomDiscrepancy = CentredL2Discrepancy(uniform);
            Assert.True(
                sobolDiscrepancy < randomDiscrepancy / 10,
                $"seed {seed}: centred L2 discrepancy of Sobol points {sobolDiscrepancy:G4}, of random points {randomDiscrepancy:G4}");
        }

        Assert.True(CentredL2Discrepancy(Points(Plain, dimensions, count)) < CentredL2Discrepancy(Coordinates.Uniforms(count * dimensions, 1).Chunk(dimensions).ToArray()));
    }

    [Fact]
    public async Task AStudyWithASobolSamplerRunsItsPointsAtAnyParallelism()
    {
        var objective = TestObjective.FromFunc(p => Math.Log10(p.LearningRate) + p.Layers);
        var serial = await Study.Create(objective, new StudyOptions { Sampler = new SobolSampler(), Seed = 11 }).OptimizeAsync(16);
        var parallel = await Study.Create(objective, new StudyOptions { Sampler = new SobolSampler(), Seed = 11 }).OptimizeAsync(16, parallelism: 4);

        Assert.Equal(16, serial.Count(TrialState.Complete));
        var space = TestObjective.CreateSpace();
        for (var n = 0; n < 16; n++)
        {
            Assert.Equal(Suggest(Scrambled, space, n, 11), serial.Trials[n].Record.Point);
            Assert.Equal(serial.Trials[n].Parameters, parallel.Trials[n].Parameters);
        }

        // Eight equal cells of the third coordinate are the eight layer counts: the first eight trials try each once.
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], serial.Trials.Take(8).Select(t => t.Parameters.Layers).Order());
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], serial.Trials.Skip(8).Select(t => t.Parameters.Layers).Order());
    }

    /// <summary>Hickernell's (1998) centred L2 discrepancy, squared: smaller is more even.</summary>
    private static double CentredL2Discrepancy(IReadOnlyList<double[]> points)
    {
        var n = points.Count;
        var s = points[0].Length;
        var sum1 = 0.0;
        foreach (var x in points)
        {
            var product = 1.0;
            foreach (var u in x)
            {
                var a = Math.Abs(u - 0.5);
                product *= 1 + (0.5 * a) - (0.5 * a * a);
            }

            sum1 += product;
        }

        var sum2 = 0.0;
        foreach (var x in points)
        {
            foreach (var y in points)
            {
                var product = 1.0;
                for (var k = 0; k < s; k++)
                {
                    product *= 1 + (0.5 * Math.Abs(x[k] - 0.5)) + (0.5 * Math.Abs(y[k] - 0.5)) - (0.5 * Math.Abs(x[k] - y[k]));
                }

                sum2 += product;
            }
        }

        return Math.Pow(13.0 / 12, s) - (2.0 / n * sum1) + (sum2 / ((double)n * n));
    }

    /// <summary>
    /// The Sobol sequence computed the textbook way, apart from the sampler's code: the integers m_k of each dimension from the
    /// table's row and the recurrence m_k = 2 a_1 m_(k-1) ^ 4 a_2 m_(k-2) ^ ... ^ 2^s m_(k-s) ^ m_(k-s), and point n as the XOR of
    /// m_k / 2^k over the set bits k of n's Gray code.
    /// </summary>
    private sealed class ReferenceSobol
    {
        private const int Bits = 32;
        private readonly List<ulong[]> _m = [];

        public int Count => _m.Count;

        public static ReferenceSobol FromEmbeddedTable()
        {
            using var stream = typeof(SobolSampler).Assembly.GetManifestResourceStream("AttrHpo.Sobol.new-joe-kuo-6.298.txt");
            Assert.NotNull(stream);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.StartsWith("d", lines[0], StringComparison.Ordinal);

            var reference = new ReferenceSobol();
            reference._m.Add([.. Enumerable.Repeat(1UL, Bits + 1)]);
            foreach (var line in lines.Skip(1))
            {
                var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(ulong.Parse).ToArray();
                var s = (int)fields[1];
                var a = fields[2];
                Assert.Equal((ulong)reference._m.Count + 1, fields[0]);
                Assert.Equal(3 + s, fields.Length);

                var m = new ulong[Bits + 1]; // m[1..Bits]
                for (var k = 1; k <= s; k++)
                {
                    m[k] = fields[2 + k];
                }

                for (var k = s + 1; k <= Bits; k++)
                {
                    var value = (m[k - s] << s) ^ m[k - s];
                    for (var i = 1; i < s; i++)
                    {
                        var ai = (a >> (s - 1 - i)) & 1;
                        value ^= (ai << i) * m[k - i];
                    }

                    m[k] = value;
                }

                reference._m.Add(m);
            }

            return reference;
        }

        public double Coordinate(int dimension, int n)
        {
            var gray = (uint)(n ^ (n >> 1));
            var x = 0UL; // in units of 2^-Bits
            for (var k = 1; k <= Bits; k++)
            {
                if (((gray >> (k - 1)) & 1) != 0)
                {
                    x ^= _m[dimension][k] << (Bits - k);
                }
            }

            return x / Math.Pow(2, Bits);
        }
    }
}
