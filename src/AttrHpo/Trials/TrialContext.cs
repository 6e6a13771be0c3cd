using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// What a running trial knows about itself, injected into an objective that takes a <see cref="TrialContext"/> parameter.
/// Thread-safe: an objective may report from any thread.
/// </summary>
public sealed class TrialContext
{
    private readonly Lock _gate = new();
    private readonly List<IntermediateValue> _reports = [];
    private readonly SortedDictionary<string, string> _attributes = new(StringComparer.Ordinal);

    /// <summary>Creates a context for one trial.</summary>
    /// <param name="studyName">The study's name.</param>
    /// <param name="number">The trial's number in its study, from 0.</param>
    /// <param name="seed">A seed for the objective's own randomness (weight initialisation, shuffling), derived from the study's seed and the trial number.</param>
    /// <param name="logger">Where the objective logs.</param>
    public TrialContext(string studyName, int number, int seed, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(studyName);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        StudyName = studyName;
        Number = number;
        Seed = seed;
        Logger = logger;
    }

    /// <summary>The study's name.</summary>
    public string StudyName { get; }

    /// <summary>The trial's number in its study, from 0.</summary>
    public int Number { get; }

    /// <summary>A stable id of the trial: <c>study#number</c>.</summary>
    public string Id => $"{StudyName}#{Number}";

    /// <summary>A seed for the objective's own randomness, the same on every run of a study with the same seed.</summary>
    public int Seed { get; }

    /// <summary>Where the objective logs; messages carry the trial's number.</summary>
    public ILogger Logger { get; }

    /// <summary>The values reported so far, in the order reported.</summary>
    public IReadOnlyList<IntermediateValue> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>Reports an intermediate value (a validation loss after an epoch, say), which schedulers use to stop poor trials early.</summary>
    /// <param name="step">The step the value belongs to; steps must increase.</param>
    /// <param name="value">The value at that step.</param>
    /// <exception cref="ArgumentException">The step is not greater than the previous one.</exception>
    public void Report(long step, double value)
    {
        lock (_gate)
        {
            if (_reports.Count > 0 && step <= _reports[^1].Step)
            {
                throw new ArgumentException(
                    $"Trial {Number}: step {step} was reported after step {_reports[^1].Step}; report each step once, in increasing order.",
                    nameof(step));
            }

            _reports.Add(new IntermediateValue(step, value));
        }
    }

    /// <summary>The attributes set so far, by key (ordinal order).</summary>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get
        {
            lock (_gate)
            {
                return TrialAttributes.Copy(_attributes);
            }
        }
    }

    /// <summary>
    /// Records a user attribute with the trial (an accuracy beside the loss, a model path, a device name): kept with the trial
    /// whatever its ending, shown in <see cref="TrialRecord.Attributes"/>. Setting a key again replaces its value.
    /// </summary>
    /// <param name="key">The attribute's name: not empty, at most <see cref="TrialAttributes.MaxKeyLength"/> characters.</param>
    /// <param name="value">Its value, at most <see cref="TrialAttributes.MaxValueLength"/> characters.</param>
    /// <exception cref="ArgumentException">The key or value is empty where it must not be, or too long.</exception>
    public void SetAttribute(string key, string value)
    {
        TrialAttributes.Validate(key, value, Number);
        lock (_gate)
        {
            _attributes[key] = value;
        }
    }

    /// <summary>Records a numeric user attribute, written in its shortest round-trip invariant form (see <see cref="SetAttribute(string, string)"/>).</summary>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">Its value.</param>
    public void SetAttribute(string key, double value) =>
        SetAttribute(key, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
