using System.Globalization;
using System.IO.Compression;

namespace QuickStart;

/// <summary>
/// The handwritten digits data set (see Data/README.md), pixels scaled to [0, 1], split once into
/// training, validation and test examples, stratified by class with a fixed seed.
/// </summary>
public sealed class DigitsData
{
    /// <summary>Pixels per image (8 x 8).</summary>
    public const int PixelCount = 64;

    /// <summary>Digits 0 to 9.</summary>
    public const int ClassCount = 10;

    private const int MaxPixel = 16;

    private DigitsData(DataSplit train, DataSplit validation, DataSplit test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>Examples the network is trained on (60 %).</summary>
    public DataSplit Train { get; }

    /// <summary>Examples that score a trial (20 %): the study's objective.</summary>
    public DataSplit Validation { get; }

    /// <summary>Held-out examples (20 %), looked at once, after the study.</summary>
    public DataSplit Test { get; }

    /// <summary>The file shipped beside the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "digits.csv.gz");

    /// <summary>Reads the gzipped CSV and splits it 60 / 20 / 20, the same way for the same seed.</summary>
    /// <param name="path">A gzipped CSV of 64 pixels (0..16) and a class (0..9) per line, no header.</param>
    /// <param name="seed">Seeds the split.</param>
    /// <exception cref="InvalidDataException">A line is malformed; the message names it.</exception>
    public static DigitsData Load(string path, int seed = 20240101)
    {
        var (pixels, labels) = Read(path);
        var random = new Random(seed);
        List<int> train = [], validation = [], test = [];
        for (var digit = 0; digit < ClassCount; digit++)
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == digit).ToArray();
            random.Shuffle(rows);
            var trainCount = (int)Math.Round(rows.Length * 0.6);
            var validationCount = (int)Math.Round(rows.Length * 0.2);
            train.AddRange(rows[..trainCount]);
            validation.AddRange(rows[trainCount..(trainCount + validationCount)]);
            test.AddRange(rows[(trainCount + validationCount)..]);
        }

        return new DigitsData(
            Subset(pixels, labels, train, random),
            Subset(pixels, labels, validation, random),
            Subset(pixels, labels, test, random));
    }

    private static (List<double> Pixels, List<int> Labels) Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        List<double> pixels = [];
        List<int> labels = [];
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != PixelCount + 1)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: expected {PixelCount + 1} values but found {fields.Length}.");
            }

            for (var i = 0; i < PixelCount; i++)
            {
                pixels.Add(ParseInRange(fields[i], MaxPixel, path, lineNumber) / (double)MaxPixel);
            }

            labels.Add(ParseInRange(fields[PixelCount], ClassCount - 1, path, lineNumber));
        }

        return labels.Count > 0 ? (pixels, labels) : throw new InvalidDataException($"{path} holds no examples.");
    }

    private static int ParseInRange(string field, int max, string path, int lineNumber) =>
        int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= max
            ? value
            : throw new InvalidDataException($"{path}, line {lineNumber}: '{field}' is not an integer from 0 to {max}.");

    private static DataSplit Subset(List<double> pixels, List<int> labels, List<int> rows, Random random)
    {
        // Mix the classes so that no split is ordered by digit.
        var order = rows.ToArray();
        random.Shuffle(order);
        var features = new double[order.Length * PixelCount];
        var subsetLabels = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
        {
            for (var c = 0; c < PixelCount; c++)
            {
                features[(r * PixelCount) + c] = pixels[(order[r] * PixelCount) + c];
            }

            subsetLabels[r] = labels[order[r]];
        }

        return new DataSplit(features, subsetLabels, PixelCount, ClassCount);
    }
}
