namespace AttrHpo;

/// <summary>Where a cluster study stands, as its coordinator reads it from storage.</summary>
[GenerateSerializer, Immutable]
public sealed record ClusterStudyStatus
{
    /// <summary>The study's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The study's total number of trials.</summary>
    [Id(1)] public int Trials { get; init; }

    /// <summary>Trials complete with a value.</summary>
    [Id(2)] public int Complete { get; init; }

    /// <summary>Trials that failed.</summary>
    [Id(3)] public int Failed { get; init; }

    /// <summary>Trials stopped early by a pruning rule.</summary>
    [Id(4)] public int Pruned { get; init; }

    /// <summary>Trials cancelled (they do not count toward <see cref="Trials"/>).</summary>
    [Id(5)] public int Cancelled { get; init; }

    /// <summary>Trials running on a worker now.</summary>
    [Id(6)] public int Running { get; init; }

    /// <summary>Trials waiting for a worker (enqueued, or taken back from a worker that died).</summary>
    [Id(7)] public int Waiting { get; init; }

    /// <summary>The best complete trial's number; <see langword="null"/> before one completes.</summary>
    [Id(8)] public int? BestNumber { get; init; }

    /// <summary>The best complete trial's value.</summary>
    [Id(9)] public double? BestValue { get; init; }

    /// <summary>The best complete trial's parameters as JSON (read them typed with the objective's <c>FromJson</c>).</summary>
    [Id(10)] public string? BestParametersJson { get; init; }

    /// <summary>Whether the study holds its <see cref="Trials"/> and none is running or waiting.</summary>
    [Id(11)] public bool Finished { get; init; }

    /// <summary>The silo the coordinator grain is active on, as Orleans writes its address.</summary>
    [Id(12)] public string CoordinatorSilo { get; init; } = string.Empty;
}
