namespace AttrHpo;

/// <summary>Trials of another worker (another process or machine) that a study waits for, all under that worker's leases.</summary>
/// <param name="Worker">The worker's name, as recorded with its trials (<c>host/pid/...</c> by default).</param>
/// <param name="Trials">How many of the study's trials it runs.</param>
/// <param name="LeaseUntil">When the last of their leases ends: if the worker is gone, its trials run again from then.</param>
internal sealed record LeasedElsewhere(string Worker, int Trials, DateTimeOffset LeaseUntil);

/// <summary>
/// Told, by an optimisation call whose only remaining work is trials running under other workers' leases, which those are
/// (each time it looks again), and an empty list once it no longer waits. Observers of <c>StudyConsole</c>'s displays.
/// </summary>
internal interface IWaitObserver
{
    /// <summary>The trials the call waits for now; empty when it waits for none.</summary>
    /// <param name="others">One entry per other worker.</param>
    void WaitingFor(IReadOnlyList<LeasedElsewhere> others);
}
