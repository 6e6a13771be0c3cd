namespace AttrHpo.Orleans.Tests;

/// <summary>
/// Tests that judge timing (a slot asking ahead of its trial's end): they run alone, after the others, so that the sample's
/// processes and the other clusters of this assembly do not starve the one silo they time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}

/// <summary>
/// Tests that start samples/Cluster's processes (a coordinator and workers, each a silo): one such test at a time, so the
/// kills and interrupts land on processes that are not fighting each other for the 2 cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SampleProcessesCollection
{
    public const string Name = "Sample processes";
}
