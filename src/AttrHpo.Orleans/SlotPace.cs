namespace AttrHpo;

/// <summary>
/// One worker slot's pace: how long its trials run and how long asking a coordinator for a trial takes (moving averages), so
/// that it asks for its next trial just before the current one is expected to end. The next trial's parameters are then
/// chosen as late as the slot can afford, seeing every result but the current trial's, and it starts as soon as the
/// current trial ends instead of a round trip later.
/// </summary>
internal sealed class SlotPace
{
    private const double Weight = 0.25;
    private double? _trialMilliseconds;
    private double? _askMilliseconds;
    private double _askDeviation;

    /// <summary>Takes in how long a trial ran.</summary>
    public void TrialRan(TimeSpan duration) => _trialMilliseconds = Average(_trialMilliseconds, duration.TotalMilliseconds);

    /// <summary>Takes in how long asking for a trial took.</summary>
    public void Asked(TimeSpan duration)
    {
        var sample = duration.TotalMilliseconds;
        _askDeviation = _askMilliseconds is { } known ? _askDeviation + (Weight * (Math.Abs(sample - known) - _askDeviation)) : sample / 2;
        _askMilliseconds = Average(_askMilliseconds, sample);
    }

    /// <summary>
    /// How long after a trial starts to ask for the next one: the expected trial length less a generous wait for the answer,
    /// its average plus four times its mean deviation (as TCP times its retransmissions), so that an answer slower than
    /// usual still comes before the trial ends; <see langword="null"/> until the slot has run a trial and asked once.
    /// </summary>
    public TimeSpan? AskAheadAfter =>
        _trialMilliseconds is { } trial && _askMilliseconds is { } ask
            ? TimeSpan.FromMilliseconds(Math.Max(0, trial - ask - (4 * _askDeviation)))
            : null;

    private static double Average(double? average, double sample) => average is { } known ? known + (Weight * (sample - known)) : sample;
}
