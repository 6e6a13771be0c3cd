namespace AttrHpo;

/// <summary>
/// A CART regression tree (squared error), grown on a bootstrap sample with a random subset of the features tried at each
/// split, as in Breiman's random forest. Small and exact: every midpoint between distinct sorted values is a candidate.
/// </summary>
internal sealed class RegressionTree
{
    private readonly List<Node> _nodes = [];

    private RegressionTree()
    {
    }

    /// <summary>Grows a tree on the rows <paramref name="rows"/> (repeats allowed: a bootstrap sample).</summary>
    public static RegressionTree Grow(double[][] x, double[] y, int[] rows, int featuresPerSplit, int minLeaf, Random random)
    {
        var tree = new RegressionTree();
        var features = Enumerable.Range(0, x[0].Length).ToArray();
        tree.Build(x, y, rows, featuresPerSplit, minLeaf, random, features);
        return tree;
    }

    /// <summary>The tree's prediction at <paramref name="point"/>.</summary>
    public double Predict(ReadOnlySpan<double> point)
    {
        var node = _nodes[0];
        while (node.Feature >= 0)
        {
            node = _nodes[point[node.Feature] <= node.Threshold ? node.Left : node.Right];
        }

        return node.Value;
    }

    private int Build(double[][] x, double[] y, int[] rows, int featuresPerSplit, int minLeaf, Random random, int[] features)
    {
        var index = _nodes.Count;
        var mean = rows.Average(r => y[r]);
        _nodes.Add(new Node(-1, 0, -1, -1, mean));
        if (rows.Length < 2 * minLeaf || rows.All(r => y[r] == y[rows[0]]))
        {
            return index;
        }

        // A partial Fisher-Yates shuffle picks the features this split may use.
        for (var i = 0; i < featuresPerSplit; i++)
        {
            var j = random.Next(i, features.Length);
            (features[i], features[j]) = (features[j], features[i]);
        }

        var best = (Feature: -1, Threshold: 0.0, Error: double.PositiveInfinity);
        foreach (var feature in features.AsSpan(0, featuresPerSplit))
        {
            var split = BestSplit(x, y, rows, feature, minLeaf);
            if (split.Error < best.Error)
            {
                best = (feature, split.Threshold, split.Error);
            }
        }

        if (best.Feature < 0)
        {
            return index;
        }

        var left = rows.Where(r => x[r][best.Feature] <= best.Threshold).ToArray();
        var right = rows.Where(r => x[r][best.Feature] > best.Threshold).ToArray();
        var leftIndex = Build(x, y, left, featuresPerSplit, minLeaf, random, features);
        var rightIndex = Build(x, y, right, featuresPerSplit, minLeaf, random, features);
        _nodes[index] = new Node(best.Feature, best.Threshold, leftIndex, rightIndex, mean);
        return index;
    }

    private static (double Threshold, double Error) BestSplit(double[][] x, double[] y, int[] rows, int feature, int minLeaf)
    {
        var sorted = rows.OrderBy(r => x[r][feature]).ThenBy(r => r).ToArray();
        double totalSum = 0, totalSquares = 0;
        foreach (var r in sorted)
        {
            totalSum += y[r];
            totalSquares += y[r] * y[r];
        }

        double leftSum = 0, leftSquares = 0;
        var best = (Threshold: 0.0, Error: double.PositiveInfinity);
        for (var i = 0; i < sorted.Length - 1; i++)
        {
            leftSum += y[sorted[i]];
            leftSquares += y[sorted[i]] * y[sorted[i]];
            var here = x[sorted[i]][feature];
            var next = x[sorted[i + 1]][feature];
            int leftCount = i + 1, rightCount = sorted.Length - leftCount;
            if (here == next || leftCount < minLeaf || rightCount < minLeaf)
            {
                continue;
            }

            var rightSum = totalSum - leftSum;
            var error = leftSquares - (leftSum * leftSum / leftCount) + (totalSquares - leftSquares) - (rightSum * rightSum / rightCount);
            if (error < best.Error)
            {
                best = ((here + next) / 2, error);
            }
        }

        return best;
    }

    private readonly record struct Node(int Feature, double Threshold, int Left, int Right, double Value);
}
