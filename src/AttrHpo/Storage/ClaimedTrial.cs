namespace AttrHpo;

/// <summary>The record a database storage writes when a worker claims a new trial number.</summary>
internal static class ClaimedTrial
{
    /// <summary>
    /// Trial <paramref name="number"/>, running under <paramref name="lease"/> from its first start, with no parameters yet. The
    /// lease end is cut to whole milliseconds, as database storages keep it, so the record equals what is read back.
    /// </summary>
    public static TrialRecord New(int number, TrialLease lease, long version) => new()
    {
        Number = number,
        State = TrialState.Running,
        Point = [],
        ParametersJson = string.Empty,
        Worker = lease.Worker,
        Starts = 1,
        LeaseUntil = DateTimeOffset.FromUnixTimeMilliseconds(lease.LeaseUntil.ToUnixTimeMilliseconds()),
        Started = lease.Now,
        Version = version,
    };
}
