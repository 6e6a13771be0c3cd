using MlNet;

namespace AttrHpo.Samples.Tests;

/// <summary>samples/MlNet's data: the file shipped beside the program, read and split as the sample does.</summary>
public sealed class MlNetDataTests
{
    [Fact]
    public void TheWholeDataSetIsReadAndSplit60To20To20ByClass()
    {
        var data = BreastCancerData.Load(BreastCancerData.DefaultPath);
        var all = data.Train.Concat(data.Validation).Concat(data.Test).ToList();

        Assert.Equal(569, all.Count);
        Assert.Equal(212, all.Count(t => t.Label)); // malignant, as breast_cancer.rst counts them
        Assert.All(all, t => Assert.Equal(Tumour.FeatureCount, t.Features.Length));
        Assert.All(all, t => Assert.All(t.Features, f => Assert.True(float.IsFinite(f) && f >= 0, $"feature {f}")));
        Assert.Equal((341, 113, 115), (data.Train.Count, data.Validation.Count, data.Test.Count));
        Assert.Equal((127, 42, 43), (data.Train.Count(t => t.Label), data.Validation.Count(t => t.Label), data.Test.Count(t => t.Label)));
        Assert.Equal(all.Count, all.Distinct().Count()); // no tumour is in two splits
    }

    [Fact]
    public void TheFirstRowIsTheFirstTumourOfTheFile()
    {
        var all = AllOf(BreastCancerData.Load(BreastCancerData.DefaultPath));

        // Line 2 of breast_cancer.csv: 17.99,10.38,122.8,1001,...,0.1189,0 (class 0: malignant).
        var first = Assert.Single(all, t => t.Features[0] == 17.99f && t.Features[1] == 10.38f);
        Assert.True(first.Label);
        Assert.Equal(0.1189f, first.Features[^1]);
    }

    [Fact]
    public void TheSameSeedSplitsTheSameWayAndAnotherSeedDoesNot()
    {
        var once = BreastCancerData.Load(BreastCancerData.DefaultPath);
        var again = BreastCancerData.Load(BreastCancerData.DefaultPath);
        var other = BreastCancerData.Load(BreastCancerData.DefaultPath, seed: 7);

        Assert.Equal(Keys(once.Test), Keys(again.Test));
        Assert.Equal(Keys(once.Train), Keys(again.Train));
        Assert.NotEqual(Keys(once.Test).Order(), Keys(other.Test).Order());
    }

    [Fact]
    public void AMalformedLineIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"attrhpo-mlnet-{Guid.NewGuid():N}.csv");
        try
        {
            var good = File.ReadLines(BreastCancerData.DefaultPath).Take(3).ToList();
            File.WriteAllLines(path, [.. good, "1.0,2.0,x"]);

            var exception = Assert.Throws<InvalidDataException>(() => BreastCancerData.Load(path));
            Assert.Contains("line 4", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<Tumour> AllOf(BreastCancerData data) => [.. data.Train, .. data.Validation, .. data.Test];

    private static List<string> Keys(IEnumerable<Tumour> tumours) => [.. tumours.Select(t => string.Join(',', t.Features))];
}
