using static AttrHpo.Benchmarks.Training.Kernels;

namespace AttrHpo.Benchmarks.Training;

/// <summary>The hyperparameters of one digits training run, as the search space declares them.</summary>
internal sealed record DigitsSettings(double LearningRate, int HiddenUnits, double Dropout, double Momentum, int Epochs, string Activation);

/// <summary>
/// A one-hidden-layer perceptron for the ten digit classes (inputs -> dropout(activation(W1 x + b1)) -> softmax(W2 h +
/// b2)), trained for the given epochs of shuffled mini-batch gradient descent (batches of <see cref="BatchSize"/>) with
/// classical momentum on the mean cross-entropy, no weight decay; inverted dropout on the hidden units while training,
/// none when scoring. Deterministic: the initial weights, every epoch's order and every dropout mask come from
/// <see cref="TrainingSeed"/>, sums run in a fixed order, so the same settings give the same loss bit for bit on one
/// machine, whichever study (or peer) asks. Each hidden unit draws its initial weights (in and out) and its dropout
/// masks from a stream of its own (<see cref="UnitSeed"/>), so one more unit leaves the others' draws as they were: the
/// loss does not jump between neighbouring widths only because every width got other random numbers.
/// </summary>
internal static class SoftmaxMlpTrainer
{
    public const int BatchSize = 32;
    public const int TrainingSeed = 11;

    /// <summary>The objective's cap (and a diverged run's value), as a multiple of the constant predictor's validation loss.</summary>
    public const double CapFactor = 10.0;

    public static readonly string[] Activations = ["relu", "tanh", "elu"];

    /// <summary>The seed of hidden unit <paramref name="unit"/>'s stream: its initial weights (0) or dropout masks (1).</summary>
    public static int UnitSeed(int unit, int stream) => (TrainingSeed << 20) + (stream << 16) + unit;

    /// <summary>Trains on the training rows of <paramref name="data"/> and scores the validation rows.</summary>
    /// <exception cref="ArgumentException">A setting is outside what the trainer accepts.</exception>
    public static MlpOutcome Train(DigitsData data, DigitsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.HiddenUnits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Epochs, 1);
        if (!(settings.LearningRate > 0) || !(settings.Dropout is >= 0 and < 1) || !(settings.Momentum is >= 0 and < 1))
        {
            throw new ArgumentException(
                $"The learning rate must be positive, dropout and momentum in [0, 1) (got {settings.LearningRate}, {settings.Dropout}, {settings.Momentum}).", nameof(settings));
        }

        var activation = Array.IndexOf(Activations, settings.Activation);
        if (activation < 0)
        {
            throw new ArgumentException($"Unknown activation '{settings.Activation}': use one of {string.Join(", ", Activations)}.", nameof(settings));
        }

        var cap = CapFactor * ConstantPredictorLoss(data);
        var network = new Network(data.FeatureCount, settings.HiddenUnits, activation);
        var order = Enumerable.Range(0, data.TrainRows).ToArray();
        var shuffle = new Random(TrainingSeed + 1);
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (var start = 0; start < order.Length; start += BatchSize)
            {
                var rows = order.AsSpan(start, Math.Min(BatchSize, order.Length - start));
                network.Step(data.TrainX, data.TrainY, rows, settings);
            }

            if (!network.IsFinite())
            {
                return new MlpOutcome(double.NaN, Diverged: true, cap);
            }
        }

        var loss = network.Loss(data.ValidationX, data.ValidationY);
        return new MlpOutcome(loss, Diverged: !double.IsFinite(loss), cap);
    }

    /// <summary>The validation cross-entropy of predicting the training rows' class frequencies for every row.</summary>
    public static double ConstantPredictorLoss(DigitsData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var counts = new double[DigitsData.ClassCount];
        foreach (var y in data.TrainY)
        {
            counts[y]++;
        }

        return -data.ValidationY.Average(y => Math.Log(counts[y] / data.TrainRows));
    }

    private sealed class Network
    {
        private const int Classes = DigitsData.ClassCount;
        private readonly int _inputs;
        private readonly int _hidden;
        private readonly int _activation;

        // Parameters in one array: W1 (hidden x inputs, row per unit), b1 (hidden), W2 (classes x hidden, row per class), b2 (classes).
        private readonly double[] _theta;
        private readonly double[] _gradient;
        private readonly double[] _velocity;
        private readonly int _b1;
        private readonly int _w2;
        private readonly int _b2;
        private readonly double[] _z;     // hidden pre-activations
        private readonly double[] _a;     // hidden activations before dropout
        private readonly double[] _h;     // hidden activations after dropout (what W2 sees)
        private readonly double[] _keep;  // each unit's dropout factor: 0 or 1 / (1 - dropout)
        private readonly double[] _dh;    // the loss's gradient with respect to _h
        private readonly double[] _p = new double[Classes];
        private readonly Random[] _dropout; // each unit's mask stream

        public Network(int inputs, int hidden, int activation)
        {
            _inputs = inputs;
            _hidden = hidden;
            _activation = activation;
            _b1 = hidden * inputs;
            _w2 = _b1 + hidden;
            _b2 = _w2 + (Classes * hidden);
            _theta = new double[_b2 + Classes];
            _gradient = new double[_theta.Length];
            _velocity = new double[_theta.Length];
            _z = new double[hidden];
            _a = new double[hidden];
            _h = new double[hidden];
            _keep = new double[hidden];
            _dh = new double[hidden];
            var scale1 = activation == 1 ? Math.Sqrt(2.0 / (inputs + hidden)) : Math.Sqrt(2.0 / inputs);
            var scale2 = Math.Sqrt(2.0 / (hidden + Classes));
            _dropout = new Random[hidden];
            for (var j = 0; j < hidden; j++)
            {
                var random = new Random(UnitSeed(j, 0));
                for (var i = 0; i < inputs; i++)
                {
                    _theta[(j * inputs) + i] = scale1 * Normal(random);
                }

                for (var k = 0; k < Classes; k++)
                {
                    _theta[_w2 + (k * hidden) + j] = scale2 * Normal(random);
                }

                _dropout[j] = new Random(UnitSeed(j, 1));
            }
        }

        public bool IsFinite()
        {
            foreach (var value in _theta)
            {
                if (!double.IsFinite(value))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One step of gradient descent with momentum on the mean cross-entropy of <paramref name="rows"/>.</summary>
        public void Step(double[] x, int[] y, ReadOnlySpan<int> rows, DigitsSettings settings)
        {
            Array.Clear(_gradient);
            var keep = 1 - settings.Dropout;
            foreach (var row in rows)
            {
                if (settings.Dropout > 0)
                {
                    for (var j = 0; j < _hidden; j++)
                    {
                        _keep[j] = _dropout[j].NextDouble() < keep ? 1 / keep : 0;
                    }
                }
                else
                {
                    Array.Fill(_keep, 1.0);
                }

                var features = x.AsSpan(row * _inputs, _inputs);
                Forward(features, _keep);
                Softmax(_p);
                _p[y[row]] -= 1; // d loss / d logits
                Array.Clear(_dh);
                for (var k = 0; k < Classes; k++)
                {
                    var weights = _theta.AsSpan(_w2 + (k * _hidden), _hidden);
                    _gradient[_b2 + k] += _p[k];
                    Axpy(_p[k], _h, _gradient.AsSpan(_w2 + (k * _hidden), _hidden));
                    Axpy(_p[k], weights, _dh);
                }

                for (var j = 0; j < _hidden; j++)
                {
                    var dz = _dh[j] * _keep[j] * Derivative(_z[j], _a[j]);
                    _gradient[_b1 + j] += dz;
                    Axpy(dz, features, _gradient.AsSpan(j * _inputs, _inputs));
                }
            }

            var mean = 1.0 / rows.Length;
            for (var i = 0; i < _theta.Length; i++)
            {
                _velocity[i] = (settings.Momentum * _velocity[i]) - (settings.LearningRate * _gradient[i] * mean);
                _theta[i] += _velocity[i];
            }
        }

        /// <summary>The mean cross-entropy over every row of <paramref name="x"/>, without dropout.</summary>
        public double Loss(double[] x, int[] y)
        {
            Array.Fill(_keep, 1.0);
            var total = 0.0;
            for (var row = 0; row < y.Length; row++)
            {
                Forward(x.AsSpan(row * _inputs, _inputs), _keep);
                var max = Max(_p);
                var sum = 0.0;
                for (var k = 0; k < Classes; k++)
                {
                    sum += Math.Exp(_p[k] - max);
                }

                total += max + Math.Log(sum) - _p[y[row]]; // log sum exp - the true class's logit
            }

            return total / y.Length;
        }

        /// <summary>Leaves the logits in _p, and the hidden layer's values in _z, _a and _h.</summary>
        private void Forward(ReadOnlySpan<double> features, double[] keep)
        {
            var theta = _theta.AsSpan();
            for (var j = 0; j < _hidden; j++)
            {
                var z = theta[_b1 + j] + Dot(theta.Slice(j * _inputs, _inputs), features);
                _z[j] = z;
                _a[j] = _activation switch
                {
                    0 => Math.Max(z, 0),
                    1 => Math.Tanh(z),
                    _ => z > 0 ? z : Math.Exp(z) - 1,
                };
                _h[j] = _a[j] * keep[j];
            }

            for (var k = 0; k < Classes; k++)
            {
                _p[k] = theta[_b2 + k] + Dot(theta.Slice(_w2 + (k * _hidden), _hidden), _h);
            }
        }

        private double Derivative(double z, double a) => _activation switch
        {
            0 => z > 0 ? 1 : 0,
            1 => 1 - (a * a),
            _ => z > 0 ? 1 : a + 1,
        };

        private static double Max(double[] values)
        {
            var max = values[0];
            for (var k = 1; k < values.Length; k++)
            {
                max = Math.Max(max, values[k]);
            }

            return max;
        }

        /// <summary>Turns logits into probabilities in place.</summary>
        private static void Softmax(double[] logits)
        {
            var max = Max(logits);
            var sum = 0.0;
            for (var k = 0; k < logits.Length; k++)
            {
                logits[k] = Math.Exp(logits[k] - max);
                sum += logits[k];
            }

            for (var k = 0; k < logits.Length; k++)
            {
                logits[k] /= sum;
            }
        }
    }
}
