namespace AttrHpo.Tests.Support;

/// <summary>A clock the test moves by hand, for wall time and timestamps alike (thread-safe); timers are the system's.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks;

    public ManualClock()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Start { get; } = start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Start.AddTicks(Interlocked.Read(ref _ticks));

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
