namespace AttrHpo;

/// <summary>
/// A seeded random forest of regression trees (Breiman 2001): each tree grown on a bootstrap sample, trying every feature
/// at each split (scikit-learn's default for regression, <c>max_features=1.0</c>), leaves of at least two rows. Trying
/// fewer features per split lets irrelevant parameters into the trees: on f = 10·x1 + x2 with half the features per
/// split, the irrelevant x3 came out as important as x2. Its permutation importance is
/// Breiman's: for each tree, how much the squared error on the rows it did not see (out of bag) grows when one feature's
/// values are shuffled among those rows, averaged over the trees.
/// </summary>
internal sealed class RandomForest
{
    private readonly RegressionTree[] _trees;
    private readonly int[][] _inBag;

    private RandomForest(RegressionTree[] trees, int[][] inBag)
    {
        _trees = trees;
        _inBag = inBag;
    }

    /// <summary>Fits <paramref name="trees"/> trees to rows <paramref name="x"/> (one array of features each) and targets <paramref name="y"/>.</summary>
    public static RandomForest Fit(double[][] x, double[] y, int trees, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, 2, nameof(x));
        ArgumentOutOfRangeException.ThrowIfNotEqual(y.Length, x.Length, nameof(y));
        ArgumentOutOfRangeException.ThrowIfLessThan(trees, 1);
        var features = x[0].Length;
        var featuresPerSplit = features;
        var grown = new RegressionTree[trees];
        var inBag = new int[trees][];
        for (var t = 0; t < trees; t++)
        {
            var random = new Random(unchecked(seed * 7919 + t));
            var rows = new int[x.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = random.Next(x.Length);
            }

            inBag[t] = rows;
            grown[t] = RegressionTree.Grow(x, y, rows, featuresPerSplit, minLeaf: 2, random);
        }

        return new RandomForest(grown, inBag);
    }

    /// <summary>The forest's prediction: the mean of its trees'.</summary>
    public double Predict(ReadOnlySpan<double> point)
    {
        var sum = 0.0;
        foreach (var tree in _trees)
        {
            sum += tree.Predict(point);
        }

        return sum / _trees.Length;
    }

    /// <summary>
    /// Each feature's out-of-bag permutation importance: the mean increase in squared error when the feature is shuffled,
    /// over the trees with at least two out-of-bag rows; 0 for every feature when no tree has.
    /// </summary>
    public double[] PermutationImportance(double[][] x, double[] y, int seed)
    {
        var features = x[0].Length;
        var increase = new double[features];
        var counted = 0;
        var random = new Random(seed);
        var row = new double[features];
        for (var t = 0; t < _trees.Length; t++)
        {
            var seen = new HashSet<int>(_inBag[t]);
            var outOfBag = Enumerable.Range(0, x.Length).Where(i => !seen.Contains(i)).ToArray();
            if (outOfBag.Length < 2)
            {
                continue;
            }

            counted++;
            var tree = _trees[t];
            var baseline = outOfBag.Average(i => Square(tree.Predict(x[i]) - y[i]));
            for (var feature = 0; feature < features; feature++)
            {
                var shuffled = outOfBag.ToArray();
                random.Shuffle(shuffled);
                var error = 0.0;
                for (var k = 0; k < outOfBag.Length; k++)
                {
                    x[outOfBag[k]].CopyTo(row, 0);
                    row[feature] = x[shuffled[k]][feature];
                    error += Square(tree.Predict(row) - y[outOfBag[k]]);
                }

                increase[feature] += (error / outOfBag.Length) - baseline;
            }
        }

        return counted == 0 ? increase : [.. increase.Select(v => v / counted)];
    }

    private static double Square(double v) => v * v;
}
