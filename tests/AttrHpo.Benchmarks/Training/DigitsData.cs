using System.Globalization;
using System.IO.Compression;

namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// The UCI optical handwritten digits (1797 rows of 8x8 = 64 pixel counts 0..16, classes 0..9; see
/// <c>Data/digits.rst</c>), split once and for all: the rows are permuted by <see cref="SplitSeed"/>, the first
/// <see cref="TrainCount"/> are the training rows and the rest the validation rows (a subsample for training, so that
/// one run stays within a couple of hundred milliseconds). Pixels are standardised with the training rows' mean and
/// standard deviation (a pixel that is constant there is only centred).
/// </summary>
internal sealed class DigitsData
{
    /// <summary>The seed of the permutation that splits the rows.</summary>
    public const int SplitSeed = 20261205;

    /// <summary>Training rows; the other rows of the 1797 are validation rows.</summary>
    public const int TrainCount = 600;

    /// <summary>Classes, the digits 0..9.</summary>
    public const int ClassCount = 10;

    private static readonly Lazy<DigitsData> LazyDefault = new(() => Load(DefaultPath));

    private DigitsData(int features, double[] trainX, int[] trainY, double[] validationX, int[] validationY)
    {
        FeatureCount = features;
        TrainX = trainX;
        TrainY = trainY;
        ValidationX = validationX;
        ValidationY = validationY;
    }

    /// <summary>Where the benchmark's build output keeps the data.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz");

    /// <summary>The data at <see cref="DefaultPath"/>, loaded once.</summary>
    public static DigitsData Default => LazyDefault.Value;

    /// <summary>Features per row (64).</summary>
    public int FeatureCount { get; }

    /// <summary>Standardised training features, row-major.</summary>
    public double[] TrainX { get; }

    /// <summary>Training labels, 0..9.</summary>
    public int[] TrainY { get; }

    /// <summary>Validation features, row-major, standardised with the training rows' statistics.</summary>
    public double[] ValidationX { get; }

    /// <summary>Validation labels, 0..9.</summary>
    public int[] ValidationY { get; }

    /// <summary>Training rows.</summary>
    public int TrainRows => TrainY.Length;

    /// <summary>Validation rows.</summary>
    public int ValidationRows => ValidationY.Length;

    /// <summary>Total rows, training and validation.</summary>
    public int Rows => TrainRows + ValidationRows;

    /// <summary>Reads the gzipped CSV: no header, one row of 64 pixel values and a class 0..9 per line.</summary>
    /// <param name="path">The <c>.csv.gz</c> file.</param>
    /// <exception cref="InvalidDataException">A row has the wrong number of cells or a class outside 0..9, or there are too few rows to split.</exception>
    public static DigitsData Load(string path)
    {
        string[] lines;
        using (var file = File.OpenRead(path))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
        {
            lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var features = lines.Length > 0 ? lines[0].Split(',').Length - 1 : 0;
        if (lines.Length <= TrainCount || features < 1)
        {
            throw new InvalidDataException($"{path}: {lines.Length} rows of {features} features; the split needs more than {TrainCount} rows.");
        }

        var rows = lines.Length;
        var x = new double[rows * features];
        var y = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var cells = lines[r].Split(',');
            if (cells.Length != features + 1)
            {
                throw new InvalidDataException($"{path}: row {r + 1} has {cells.Length} cells, expected {features + 1} like the first.");
            }

            for (var f = 0; f < features; f++)
            {
                x[(r * features) + f] = double.Parse(cells[f], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            y[r] = int.Parse(cells[features], CultureInfo.InvariantCulture);
            if (y[r] is < 0 or >= ClassCount)
            {
                throw new InvalidDataException($"{path}: row {r + 1} has class {y[r]}, expected 0..{ClassCount - 1}.");
            }
        }

        var order = Enumerable.Range(0, rows).ToArray();
        new Random(SplitSeed).Shuffle(order);
        var (trainX, trainY) = Kernels.Take(x, y, features, order.AsSpan(0, TrainCount));
        var (validationX, validationY) = Kernels.Take(x, y, features, order.AsSpan(TrainCount));
        Kernels.Standardise(trainX, validationX, features);
        return new DigitsData(features, trainX, trainY, validationX, validationY);
    }
}
