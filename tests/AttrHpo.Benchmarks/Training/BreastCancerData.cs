using System.Globalization;

namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// The Wisconsin diagnostic breast-cancer data (569 rows, 30 features, class 0 = malignant, 1 = benign; see
/// <c>Data/breast_cancer.rst</c>), split once and for all: the rows are permuted by <see cref="SplitSeed"/> and the first
/// <see cref="TrainCount"/> are the training rows, the rest the validation rows. Features are standardised with the
/// training rows' mean and standard deviation.
/// </summary>
internal sealed class BreastCancerData
{
    /// <summary>The seed of the permutation that splits the rows.</summary>
    public const int SplitSeed = 20261204;

    /// <summary>Training rows (70 % of 569); the other 171 are validation rows.</summary>
    public const int TrainCount = 398;

    private static readonly Lazy<BreastCancerData> LazyDefault = new(() => Load(DefaultPath));

    private BreastCancerData(int features, double[] trainX, double[] trainY, double[] validationX, double[] validationY)
    {
        FeatureCount = features;
        TrainX = trainX;
        TrainY = trainY;
        ValidationX = validationX;
        ValidationY = validationY;
    }

    /// <summary>Where the benchmark's build output keeps the data.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "breast_cancer.csv");

    /// <summary>The data at <see cref="DefaultPath"/>, loaded once.</summary>
    public static BreastCancerData Default => LazyDefault.Value;

    /// <summary>Features per row (30).</summary>
    public int FeatureCount { get; }

    /// <summary>Standardised training features, row-major.</summary>
    public double[] TrainX { get; }

    /// <summary>Training labels, 0 or 1.</summary>
    public double[] TrainY { get; }

    /// <summary>Validation features, row-major, standardised with the training rows' statistics.</summary>
    public double[] ValidationX { get; }

    /// <summary>Validation labels, 0 or 1.</summary>
    public double[] ValidationY { get; }

    /// <summary>Training rows.</summary>
    public int TrainRows => TrainY.Length;

    /// <summary>Validation rows.</summary>
    public int ValidationRows => ValidationY.Length;

    /// <summary>Total rows, training and validation.</summary>
    public int Rows => TrainRows + ValidationRows;

    /// <summary>Reads the CSV: a first line <c>rows,features,name0,name1</c>, then one row of features and a class per line.</summary>
    /// <param name="path">The CSV file.</param>
    /// <exception cref="InvalidDataException">The file does not match its first line.</exception>
    public static BreastCancerData Load(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var rows = int.Parse(header[0], CultureInfo.InvariantCulture);
        var features = int.Parse(header[1], CultureInfo.InvariantCulture);
        if (lines.Length != rows + 1)
        {
            throw new InvalidDataException($"{path}: the first line promises {rows} rows, the file has {lines.Length - 1}.");
        }

        var x = new double[rows * features];
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var cells = lines[r + 1].Split(',');
            if (cells.Length != features + 1)
            {
                throw new InvalidDataException($"{path}: row {r + 1} has {cells.Length} cells, expected {features + 1}.");
            }

            for (var f = 0; f < features; f++)
            {
                x[(r * features) + f] = double.Parse(cells[f], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            y[r] = int.Parse(cells[features], CultureInfo.InvariantCulture);
        }

        var order = Enumerable.Range(0, rows).ToArray();
        new Random(SplitSeed).Shuffle(order);
        var (trainX, trainY) = Kernels.Take(x, y, features, order.AsSpan(0, TrainCount));
        var (validationX, validationY) = Kernels.Take(x, y, features, order.AsSpan(TrainCount));
        Kernels.Standardise(trainX, validationX, features);
        return new BreastCancerData(features, trainX, trainY, validationX, validationY);
    }
}
