using static AttrHpo.Benchmarks.Training.Kernels;

namespace AttrHpo.Benchmarks.Training;

/// <summary>The hyperparameters of one training run, as the search space declares them.</summary>
internal sealed record MlpSettings(double LearningRate, int HiddenUnits, double L2, string Activation, int BatchSize);

/// <summary>
/// One training run's result. <see cref="Objective"/> is what both sides of the benchmark minimise: the validation log
/// loss, capped at <see cref="MlpTrainer.CapFactor"/> times the constant predictor's; a diverged run gets the cap.
/// </summary>
internal sealed record MlpOutcome(double ValidationLoss, bool Diverged, double Cap)
{
    public double Objective => Diverged ? Cap : Math.Min(ValidationLoss, Cap);
}

/// <summary>
/// A one-hidden-layer perceptron for binary classification (inputs -> activation(W1 x + b1) -> sigmoid(w2 . h + b2)),
/// trained for <see cref="Epochs"/> epochs of shuffled mini-batch gradient descent with momentum <see cref="Momentum"/> on
/// the mean log loss plus (L2 / 2) |w|^2 over the weights (not the biases). Deterministic: the initial weights and
/// every epoch's order come from <see cref="TrainingSeed"/>, sums run in a fixed order, so the same settings give the
/// same loss bit for bit on one machine, whichever study (or peer) asks.
/// </summary>
internal static class MlpTrainer
{
    public const int Epochs = 30;
    public const double Momentum = 0.9;
    public const int TrainingSeed = 7;

    /// <summary>The objective's cap (and a diverged run's value), as a multiple of the constant predictor's validation loss.</summary>
    public const double CapFactor = 10.0;

    public static readonly string[] Activations = ["relu", "tanh", "sigmoid"];
    public static readonly int[] BatchSizes = [8, 16, 32, 64, 128];

    /// <summary>Trains on the training rows of <paramref name="data"/> and scores the validation rows.</summary>
    /// <exception cref="ArgumentException">A setting is outside what the trainer accepts.</exception>
    public static MlpOutcome Train(BreastCancerData data, MlpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.HiddenUnits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1);
        if (!(settings.LearningRate > 0) || !(settings.L2 >= 0))
        {
            throw new ArgumentException($"The learning rate must be positive and L2 non-negative (got {settings.LearningRate}, {settings.L2}).", nameof(settings));
        }

        var activation = Array.IndexOf(Activations, settings.Activation);
        if (activation < 0)
        {
            throw new ArgumentException($"Unknown activation '{settings.Activation}': use one of {string.Join(", ", Activations)}.", nameof(settings));
        }

        var cap = CapFactor * ConstantPredictorLoss(data);
        var network = new Network(data.FeatureCount, settings.HiddenUnits, activation, new Random(TrainingSeed));
        var order = Enumerable.Range(0, data.TrainRows).ToArray();
        var shuffle = new Random(TrainingSeed + 1);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (var start = 0; start < order.Length; start += settings.BatchSize)
            {
                var rows = order.AsSpan(start, Math.Min(settings.BatchSize, order.Length - start));
                network.Step(data.TrainX, data.TrainY, rows, settings.LearningRate, settings.L2);
            }

            if (!network.IsFinite())
            {
                return new MlpOutcome(double.NaN, Diverged: true, cap);
            }
        }

        var loss = network.Loss(data.ValidationX, data.ValidationY);
        return new MlpOutcome(loss, Diverged: !double.IsFinite(loss), cap);
    }

    /// <summary>The validation log loss of predicting the training rows' class frequency for every row.</summary>
    public static double ConstantPredictorLoss(BreastCancerData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var p = data.TrainY.Average();
        return -data.ValidationY.Average(y => (y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p)));
    }

    /// <summary>log(1 + e^z) without overflow.</summary>
    private static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    private sealed class Network
    {
        private readonly int _inputs;
        private readonly int _hidden;
        private readonly int _activation;

        // Parameters in one array: W1 (hidden x inputs, row per unit), b1 (hidden), w2 (hidden), b2 (1).
        private readonly double[] _theta;
        private readonly double[] _gradient;
        private readonly double[] _velocity;
        private readonly double[] _z;
        private readonly double[] _a;
        private readonly int _weights2; // where b1 ends and w2 begins

        public Network(int inputs, int hidden, int activation, Random random)
        {
            _inputs = inputs;
            _hidden = hidden;
            _activation = activation;
            _theta = new double[(hidden * inputs) + hidden + hidden + 1];
            _gradient = new double[_theta.Length];
            _velocity = new double[_theta.Length];
            _z = new double[hidden];
            _a = new double[hidden];
            _weights2 = (hidden * inputs) + hidden;
            var scale1 = activation == 0 ? Math.Sqrt(2.0 / inputs) : Math.Sqrt(2.0 / (inputs + hidden));
            for (var i = 0; i < hidden * inputs; i++)
            {
                _theta[i] = scale1 * Normal(random);
            }

            var scale2 = Math.Sqrt(2.0 / (hidden + 1));
            for (var j = 0; j < hidden; j++)
            {
                _theta[_weights2 + j] = scale2 * Normal(random);
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

        /// <summary>One step of gradient descent with momentum on the mean loss of <paramref name="rows"/>.</summary>
        public void Step(double[] x, double[] y, ReadOnlySpan<int> rows, double learningRate, double l2)
        {
            Array.Clear(_gradient);
            var w1Length = _hidden * _inputs;
            foreach (var row in rows)
            {
                var features = x.AsSpan(row * _inputs, _inputs);
                var d = Sigmoid(Forward(features)) - y[row];
                _gradient[^1] += d;
                for (var j = 0; j < _hidden; j++)
                {
                    _gradient[_weights2 + j] += d * _a[j];
                    var dz = d * _theta[_weights2 + j] * Derivative(_z[j], _a[j]);
                    _gradient[w1Length + j] += dz;
                    Axpy(dz, features, _gradient.AsSpan(j * _inputs, _inputs));
                }
            }

            var mean = 1.0 / rows.Length;
            for (var i = 0; i < _theta.Length; i++)
            {
                var isWeight = i < w1Length || (i >= _weights2 && i < _weights2 + _hidden);
                var g = (_gradient[i] * mean) + (isWeight ? l2 * _theta[i] : 0.0);
                _velocity[i] = (Momentum * _velocity[i]) - (learningRate * g);
                _theta[i] += _velocity[i];
            }
        }

        /// <summary>The mean log loss over every row of <paramref name="x"/>.</summary>
        public double Loss(double[] x, double[] y)
        {
            var total = 0.0;
            for (var row = 0; row < y.Length; row++)
            {
                var z = Forward(x.AsSpan(row * _inputs, _inputs));
                total += Softplus(z) - (y[row] * z); // -[y log s(z) + (1 - y) log(1 - s(z))]
            }

            return total / y.Length;
        }

        /// <summary>The output logit; leaves the hidden pre-activations and activations in _z and _a.</summary>
        private double Forward(ReadOnlySpan<double> features)
        {
            var theta = _theta.AsSpan();
            var w1Length = _hidden * _inputs;
            for (var j = 0; j < _hidden; j++)
            {
                var z = theta[w1Length + j] + Dot(theta.Slice(j * _inputs, _inputs), features);
                _z[j] = z;
                _a[j] = _activation switch
                {
                    0 => Math.Max(z, 0),
                    1 => Math.Tanh(z),
                    _ => Sigmoid(z),
                };
            }

            return theta[^1] + Dot(theta.Slice(_weights2, _hidden), _a);
        }

        private double Derivative(double z, double a) => _activation switch
        {
            0 => z > 0 ? 1 : 0,
            1 => 1 - (a * a),
            _ => a * (1 - a),
        };
    }
}
