using System.Globalization;
using Microsoft.ML.Data;

namespace MlNet;

/// <summary>One tumour: 30 measurements of its cell nuclei and whether it is malignant.</summary>
public sealed class Tumour
{
    /// <summary>Measurements per tumour.</summary>
    public const int FeatureCount = 30;

    /// <summary>The 30 measurements, in the order of <c>Data/breast_cancer.rst</c>.</summary>
    [VectorType(FeatureCount)]
    public float[] Features { get; set; } = [];

    /// <summary>True for a malignant tumour: the class the classifier predicts.</summary>
    public bool Label { get; set; }
}

/// <summary>
/// The Wisconsin diagnostic breast-cancer data (see Data/README.md), split once into training, validation and test
/// examples, 60 / 20 / 20, stratified by class with a fixed seed.
/// </summary>
public sealed class BreastCancerData
{
    private BreastCancerData(Tumour[] train, Tumour[] validation, Tumour[] test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>Examples the trees are fitted to (60 %).</summary>
    public IReadOnlyList<Tumour> Train { get; }

    /// <summary>Examples that score a trial (20 %): the study's objective.</summary>
    public IReadOnlyList<Tumour> Validation { get; }

    /// <summary>Held-out examples (20 %), looked at once, after the study.</summary>
    public IReadOnlyList<Tumour> Test { get; }

    /// <summary>The file shipped beside the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Data", "breast_cancer.csv");

    /// <summary>Reads scikit-learn's CSV and splits it, the same way for the same seed.</summary>
    /// <param name="path">scikit-learn's <c>breast_cancer.csv</c>: a header line, then 30 measurements and a class (0 malignant, 1 benign) per line.</param>
    /// <param name="seed">Seeds the split.</param>
    /// <exception cref="InvalidDataException">A line is malformed; the message names it.</exception>
    public static BreastCancerData Load(string path, int seed = 20240101)
    {
        var tumours = Read(path);
        var random = new Random(seed);
        List<Tumour> train = [], validation = [], test = [];
        foreach (var malignant in new[] { true, false })
        {
            var rows = tumours.Where(t => t.Label == malignant).ToArray();
            random.Shuffle(rows);
            var trainCount = (int)Math.Round(rows.Length * 0.6);
            var validationCount = (int)Math.Round(rows.Length * 0.2);
            train.AddRange(rows[..trainCount]);
            validation.AddRange(rows[trainCount..(trainCount + validationCount)]);
            test.AddRange(rows[(trainCount + validationCount)..]);
        }

        return new BreastCancerData(Shuffled(train, random), Shuffled(validation, random), Shuffled(test, random));
    }

    private static Tumour[] Shuffled(List<Tumour> tumours, Random random)
    {
        var array = tumours.ToArray();
        random.Shuffle(array);
        return array;
    }

    private static List<Tumour> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var tumours = new List<Tumour>(lines.Length);
        for (var i = 1; i < lines.Length; i++) // line 1 is scikit-learn's header: "569,30,malignant,benign"
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split(',');
            if (fields.Length != Tumour.FeatureCount + 1)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: {fields.Length} fields, expected {Tumour.FeatureCount + 1}.");
            }

            var features = new float[Tumour.FeatureCount];
            for (var f = 0; f < Tumour.FeatureCount; f++)
            {
                features[f] = float.TryParse(fields[f], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
                    ? value
                    : throw new InvalidDataException($"{path}, line {i + 1}: field {f + 1} is not a number: '{fields[f]}'.");
            }

            tumours.Add(fields[^1] switch
            {
                "0" => new Tumour { Features = features, Label = true },
                "1" => new Tumour { Features = features, Label = false },
                _ => throw new InvalidDataException($"{path}, line {i + 1}: the class is '{fields[^1]}', expected 0 (malignant) or 1 (benign)."),
            });
        }

        return tumours;
    }
}
