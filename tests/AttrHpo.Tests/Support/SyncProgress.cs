using System.Collections.Concurrent;

namespace AttrHpo.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that records every report on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
public sealed class SyncProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly ConcurrentQueue<T> _reports = new();

    public IReadOnlyList<T> Reports => [.. _reports];

    public void Report(T value)
    {
        _reports.Enqueue(value);
        onReport?.Invoke(value);
    }
}
