namespace AttrHpo;

/// <summary>
/// Counts the trials one optimisation call has taken toward its own count (<see cref="StopCondition.MoreTrials"/>), shared by
/// its workers: a worker takes a place before it starts a trial, and gives it back when that trial turns out not to count
/// (storage had none to start, the objective cancelled it, or its result could not be recorded). So a call with parallelism
/// finishes exactly its count, never more.
/// </summary>
/// <param name="limit">How many trials the call is to finish; <see cref="int.MaxValue"/> for no limit.</param>
internal sealed class CallTrials(int limit)
{
    private int _taken;

    /// <summary>Takes a place for one more trial; <see langword="false"/> when the call's count is taken.</summary>
    public bool TryTake()
    {
        while (true)
        {
            var taken = Volatile.Read(ref _taken);
            if (taken >= limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _taken, taken + 1, taken) == taken)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a place taken for a trial that does not count.</summary>
    public void GiveBack() => Interlocked.Decrement(ref _taken);
}
