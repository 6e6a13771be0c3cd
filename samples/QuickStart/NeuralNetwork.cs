using MathNet.Numerics.LinearAlgebra;

namespace QuickStart;

/// <summary>
/// A classifier with one hidden layer: x -> activation(x W1 + b1) -> softmax(h W2 + b2), trained on the
/// mean cross-entropy plus an L2 penalty on the weights (not the biases).
/// </summary>
public sealed class NeuralNetwork
{
    private readonly Matrix<double> _w1; // inputs x hidden
    private readonly Matrix<double> _b1; // 1 x hidden
    private readonly Matrix<double> _w2; // hidden x classes
    private readonly Matrix<double> _b2; // 1 x classes

    private NeuralNetwork(Activation activation, Matrix<double> w1, Matrix<double> w2)
    {
        Activation = activation;
        _w1 = w1;
        _b1 = Matrix<double>.Build.Dense(1, w1.ColumnCount);
        _w2 = w2;
        _b2 = Matrix<double>.Build.Dense(1, w2.ColumnCount);
        Parameters = [_w1, _b1, _w2, _b2];
    }

    /// <summary>The hidden layer's non-linearity.</summary>
    public Activation Activation { get; }

    /// <summary>The parameters an optimiser updates, in the order <see cref="Gradients"/> returns their gradients.</summary>
    public IReadOnlyList<Matrix<double>> Parameters { get; }

    /// <summary>Whether every parameter is a finite number; false once training has diverged.</summary>
    public bool IsFinite => Parameters.All(p => p.Enumerate().All(double.IsFinite));

    /// <summary>
    /// A network with random weights drawn from <paramref name="random"/> (He initialisation for ReLU, Glorot for
    /// tanh and sigmoid) and zero biases: the same seed gives the same network.
    /// </summary>
    /// <param name="inputs">Features per example.</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="activation">The hidden layer's non-linearity.</param>
    /// <param name="random">Source of the initial weights.</param>
    public static NeuralNetwork Create(int inputs, int hidden, int classes, Activation activation, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentNullException.ThrowIfNull(random);
        return new NeuralNetwork(
            activation,
            RandomWeights(inputs, hidden, activation == Activation.Relu ? Math.Sqrt(2.0 / inputs) : Math.Sqrt(2.0 / (inputs + hidden)), random),
            RandomWeights(hidden, classes, Math.Sqrt(2.0 / (hidden + classes)), random));
    }

    /// <summary>The log-probability of every class for every row of <paramref name="x"/>.</summary>
    /// <param name="x">One example per row.</param>
    public Matrix<double> LogProbabilities(Matrix<double> x) => Forward(x).LogProbabilities;

    /// <summary>The mean cross-entropy (negative log-likelihood) of the labels: the validation objective.</summary>
    /// <param name="data">Labelled examples.</param>
    public double Loss(DataSplit data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var logProbabilities = LogProbabilities(data.Features());
        var total = 0.0;
        for (var i = 0; i < data.Count; i++)
        {
            total -= logProbabilities[i, data.Labels[i]];
        }

        return total / data.Count;
    }

    /// <summary>The fraction of examples whose most probable class is their label.</summary>
    /// <param name="data">Labelled examples.</param>
    public double Accuracy(DataSplit data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var logProbabilities = LogProbabilities(data.Features());
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            if (logProbabilities.Row(i).MaximumIndex() == data.Labels[i])
            {
                correct++;
            }
        }

        return (double)correct / data.Count;
    }

    /// <summary>The gradient of the mini-batch's mean cross-entropy plus <c>l2 / 2 * |W|^2</c> with respect to each parameter.</summary>
    /// <param name="x">The mini-batch, one example per row.</param>
    /// <param name="labels">The class of each row.</param>
    /// <param name="l2">The weight decay coefficient.</param>
    public IReadOnlyList<Matrix<double>> Gradients(Matrix<double> x, ReadOnlySpan<int> labels, double l2)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (hidden, logProbabilities) = Forward(x);

        // d(loss)/d(logits) = (softmax - one-hot) / batch size.
        var batch = x.RowCount;
        var outputGradient = logProbabilities.PointwiseExp();
        for (var i = 0; i < batch; i++)
        {
            outputGradient[i, labels[i]] -= 1;
        }

        outputGradient.Multiply(1.0 / batch, outputGradient);

        var w2Gradient = hidden.TransposeThisAndMultiply(outputGradient).Add(_w2.Multiply(l2));
        var b2Gradient = outputGradient.ColumnSums().ToRowMatrix();
        var hiddenGradient = outputGradient.TransposeAndMultiply(_w2);
        ActivationFunctions.Backpropagate(Activation, hidden, hiddenGradient);
        var w1Gradient = x.TransposeThisAndMultiply(hiddenGradient).Add(_w1.Multiply(l2));
        var b1Gradient = hiddenGradient.ColumnSums().ToRowMatrix();
        return [w1Gradient, b1Gradient, w2Gradient, b2Gradient];
    }

    private (Matrix<double> Hidden, Matrix<double> LogProbabilities) Forward(Matrix<double> x)
    {
        var hidden = x.Multiply(_w1);
        AddToEveryRow(hidden, _b1);
        ActivationFunctions.Apply(Activation, hidden);
        var logits = hidden.Multiply(_w2);
        AddToEveryRow(logits, _b2);
        LogSoftmaxRows(logits);
        return (hidden, logits);
    }

    private static void AddToEveryRow(Matrix<double> matrix, Matrix<double> row) =>
        matrix.MapIndexedInplace((_, j, value) => value + row[0, j]);

    /// <summary>Replaces each row of logits by its log-softmax, z - max - log(sum(exp(z - max))), which cannot overflow.</summary>
    private static void LogSoftmaxRows(Matrix<double> logits)
    {
        for (var i = 0; i < logits.RowCount; i++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < logits.ColumnCount; j++)
            {
                max = Math.Max(max, logits[i, j]);
            }

            var sum = 0.0;
            for (var j = 0; j < logits.ColumnCount; j++)
            {
                sum += Math.Exp(logits[i, j] - max);
            }

            var logSum = max + Math.Log(sum);
            for (var j = 0; j < logits.ColumnCount; j++)
            {
                logits[i, j] -= logSum;
            }
        }
    }

    private static Matrix<double> RandomWeights(int rows, int columns, double scale, Random random) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => scale * StandardNormal(random));

    /// <summary>A standard normal draw (Box-Muller), so that weights depend only on the seed.</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // in (0, 1]: the logarithm is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
