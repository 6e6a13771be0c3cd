namespace QuickStart;

/// <summary>Trains a <see cref="NeuralNetwork"/> with shuffled mini-batches.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains a new network on <paramref name="train"/>. Deterministic: the same data, settings and seed give the same network.
    /// </summary>
    /// <param name="train">The training examples.</param>
    /// <param name="settings">The hyperparameters.</param>
    /// <param name="seed">Seeds the initial weights and the order of the examples in each epoch.</param>
    /// <param name="afterEpoch">Called after each epoch (numbered from 1) with the network so far; may throw to stop.</param>
    /// <param name="cancellationToken">Checked before every mini-batch.</param>
    /// <exception cref="TrainingDivergedException">A weight stopped being a finite number.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static NeuralNetwork Fit(
        DataSplit train,
        TrainingSettings settings,
        int seed,
        Action<int, NeuralNetwork>? afterEpoch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1);

        var random = new Random(seed);
        var network = NeuralNetwork.Create(train.FeatureCount, settings.HiddenUnits, train.ClassCount, settings.Activation, random);
        var optimizer = Optimizers.Create(settings.Optimizer, settings.LearningRate);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var labels = new int[settings.BatchSize];
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += settings.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = order.AsSpan(start, Math.Min(settings.BatchSize, order.Length - start));
                for (var i = 0; i < rows.Length; i++)
                {
                    labels[i] = train.Labels[rows[i]];
                }

                var gradients = network.Gradients(train.Features(rows), labels.AsSpan(0, rows.Length), settings.L2);
                optimizer.Update(network.Parameters, gradients);
            }

            if (!network.IsFinite)
            {
                throw new TrainingDivergedException(
                    $"Training diverged in epoch {epoch}: a weight is no longer a finite number (learning rate {settings.LearningRate:G3} with {settings.Optimizer}).");
            }

            afterEpoch?.Invoke(epoch, network);
        }

        return network;
    }
}
