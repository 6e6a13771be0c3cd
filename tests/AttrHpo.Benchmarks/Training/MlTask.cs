namespace AttrHpo.Benchmarks.Training;

/// <summary>
/// One real-training objective of <c>ml-quality</c> and <c>serve</c>, chosen by <c>--task</c>: <c>breast-cancer</c> (the
/// default, <see cref="BreastCancerTraining"/>), <c>digits</c> (<see cref="DigitsTraining"/>, held out from tuning) or
/// <c>digits-gbm</c> (<see cref="DigitsBoostedTraining"/>, LightGBM through ML.NET on the same rows, also held out). Every
/// task's trainer returns an <see cref="MlpOutcome"/> (loss, diverged, cap), whichever model it trains.
/// </summary>
internal abstract class MlTask
{
    public const string DefaultName = "breast-cancer";

    public static IReadOnlyList<string> Names { get; } = [DefaultName, "digits", "digits-gbm"];

    /// <summary>The <c>--task</c> name.</summary>
    public abstract string Name { get; }

    /// <summary>The benchmark's name in the JSON output and the summary line.</summary>
    public abstract string Benchmark { get; }

    /// <summary>The objective's cap: the value of a diverged run.</summary>
    public abstract double Cap { get; }

    /// <exception cref="ArgumentException">Not a task's name.</exception>
    public static MlTask Parse(string name) => name switch
    {
        DefaultName => new Typed<BreastCancerTraining.TrainParameters, MlpSettings>(
            DefaultName, "breast-cancer-mlp", () => MlpTrainer.CapFactor * MlpTrainer.ConstantPredictorLoss(BreastCancerData.Default),
            BreastCancerTraining.TrainStudy.Create, BreastCancerTraining.Settings, BreastCancerTraining.Evaluate,
            BreastCancerTraining.ParseSettings, BreastCancerTraining.FormatSettings),
        "digits" => new Typed<DigitsTraining.TrainParameters, DigitsSettings>(
            "digits", "digits-mlp", () => SoftmaxMlpTrainer.CapFactor * SoftmaxMlpTrainer.ConstantPredictorLoss(DigitsData.Default),
            DigitsTraining.TrainStudy.Create, DigitsTraining.Settings, DigitsTraining.Evaluate,
            DigitsTraining.ParseSettings, DigitsTraining.FormatSettings),
        "digits-gbm" => new Typed<DigitsBoostedTraining.TrainParameters, BoostedSettings>(
            "digits-gbm", "digits-gbm", () => DigitsBoostedTraining.Cap(DigitsData.Default),
            DigitsBoostedTraining.TrainStudy.Create, DigitsBoostedTraining.Settings, DigitsBoostedTraining.Evaluate,
            DigitsBoostedTraining.ParseSettings, DigitsBoostedTraining.FormatSettings),
        _ => throw new ArgumentException($"Unknown task '{name}': use {string.Join(", ", Names)}."),
    };

    /// <summary>The capped loss of the parameters in the <c>serve</c> format.</summary>
    /// <exception cref="FormatException">Not a parameters object of this task.</exception>
    /// <exception cref="ArgumentException">A parameter is outside what the trainer accepts.</exception>
    public abstract double Evaluate(string parameters);

    /// <summary>
    /// Runs one seed's study of <paramref name="budget"/> trials (see <see cref="MlQualityRunner"/>) and returns the
    /// objective's values, with the parameters in the <c>serve</c> format and the trial's number, in the order the trials
    /// finished. <paramref name="timing"/> picks the simulated finish order of <c>simasync</c>.
    /// </summary>
    public abstract Task<IReadOnlyList<(double Value, string Parameters, int Number)>> RunSeedAsync(
        ISampler sampler, string samplerName, string path, int seed, int budget, int parallelism, int timing = 0, CancellationToken cancellationToken = default);

    private sealed class Typed<TParameters, TSettings>(
        string name,
        string benchmark,
        Func<double> cap,
        Func<StudyOptions?, Study<TParameters>> create,
        Func<TParameters, TSettings> settings,
        Func<TSettings, MlpOutcome> evaluate,
        Func<string, TSettings> parse,
        Func<TSettings, string> format) : MlTask
        where TParameters : notnull
    {
        public override string Name => name;

        public override string Benchmark => benchmark;

        public override double Cap => cap();

        public override double Evaluate(string parameters) => evaluate(parse(parameters)).Objective;

        public override async Task<IReadOnlyList<(double Value, string Parameters, int Number)>> RunSeedAsync(
            ISampler sampler, string samplerName, string path, int seed, int budget, int parallelism, int timing = 0, CancellationToken cancellationToken = default)
        {
            var options = new StudyOptions { Name = $"{name}-{samplerName}-{path}-{seed}", Seed = (ulong)seed, Sampler = sampler, Storage = new InMemoryStudyStorage() };
            var study = create(options);
            if (path == "optimize")
            {
                var recorder = new FinishOrder(p => format(settings(p)));
                await study.OptimizeAsync(trials: budget, parallelism: parallelism, progress: recorder, cancellationToken: cancellationToken).ConfigureAwait(false);
                return recorder.Values;
            }

            if (path == "simasync")
            {
                return await SimulatedAsyncAsync(study, seed + (timing * 7919), budget, parallelism, cancellationToken).ConfigureAwait(false);
            }

            var values = new List<(double Value, string Parameters, int Number)>();
            while (values.Count < budget)
            {
                var asked = new List<AskedTrial<TParameters>>();
                for (var i = 0; i < Math.Min(parallelism, budget - values.Count); i++)
                {
                    asked.Add(await study.AskAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
                }

                foreach (var trial in asked)
                {
                    var trialSettings = settings(trial.Parameters);
                    var value = evaluate(trialSettings).Objective;
                    await study.TellAsync(trial, value, cancellationToken).ConfigureAwait(false);
                    values.Add((value, format(trialSettings), trial.Number));
                }
            }

            return values;
        }

        /// <summary>
        /// <c>OptimizeAsync(parallelism)</c> replayed deterministically through ask/tell: <paramref name="parallelism"/> trials
        /// asked at once, then, whenever the one with the earliest simulated finish is told, one more asked, so each later trial
        /// is suggested with parallelism - 1 running. A trial's simulated duration is uniform in [0.5, 1.5), drawn from a stream
        /// seeded by <paramref name="timingSeed"/> (the study's seed, moved by <c>--timing</c> for another finish order), so
        /// the finish order is mixed as under threads but the same on every run.
        /// </summary>
        private async Task<IReadOnlyList<(double Value, string Parameters, int Number)>> SimulatedAsyncAsync(
            Study<TParameters> study, int timingSeed, int budget, int parallelism, CancellationToken cancellationToken)
        {
            var timing = new Random(timingSeed + 1_000_003);
            var running = new List<(AskedTrial<TParameters> Trial, double Finish)>();
            var values = new List<(double Value, string Parameters, int Number)>();
            var asked = 0;
            var now = 0.0;
            while (values.Count < budget)
            {
                while (running.Count < parallelism && asked < budget)
                {
                    running.Add((await study.AskAsync(cancellationToken: cancellationToken).ConfigureAwait(false), now + 0.5 + timing.NextDouble()));
                    asked++;
                }

                var next = running.MinBy(r => r.Finish);
                running.Remove(next);
                now = next.Finish;
                var trialSettings = settings(next.Trial.Parameters);
                var value = evaluate(trialSettings).Objective;
                await study.TellAsync(next.Trial, value, cancellationToken).ConfigureAwait(false);
                values.Add((value, format(trialSettings), next.Trial.Number));
            }

            return values;
        }

        /// <summary>Each finished trial's value (a trial that is not complete counts as +inf), in the order the study reports them.</summary>
        private sealed class FinishOrder(Func<TParameters, string> format) : IProgress<Trial<TParameters>>
        {
            private readonly List<(double Value, string Parameters, int Number)> _values = [];

            public IReadOnlyList<(double Value, string Parameters, int Number)> Values
            {
                get
                {
                    lock (_values)
                    {
                        return [.. _values];
                    }
                }
            }

            public void Report(Trial<TParameters> value)
            {
                lock (_values)
                {
                    _values.Add((value.State == TrialState.Complete && value.Value is { } v ? v : double.PositiveInfinity, format(value.Parameters), value.Number));
                }
            }
        }
    }
}
