using AttrHpo.ProcessWorker;

namespace AttrHpo.Tests.Support;

/// <summary>The worker program of the process-executor tests (tests/AttrHpo.ProcessWorker) and its objectives.</summary>
public static class ProcessWorkers
{
    /// <summary>How long a test waits for a worker at most before it fails instead of hanging; never part of an assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The worker program, built beside the tests.</summary>
    public static string Program => typeof(Faults).Assembly.Location;

    /// <summary>Options that start the test worker program with <paramref name="slots"/> slots.</summary>
    public static ProcessExecutorOptions Options(int slots) => new() { Program = Program, Slots = slots };

    /// <summary>An objective of the worker program, by its method's name.</summary>
    public static IRegisteredObjective Objective(string method) =>
        ObjectiveRegistry.FromAssembly(typeof(Faults).Assembly).Get($"AttrHpo.ProcessWorker.Faults.{method}");

    /// <summary>The process id a trial recorded (attribute "pid").</summary>
    public static int Pid(TrialRecord trial) => int.Parse(trial.Attributes["pid"], System.Globalization.CultureInfo.InvariantCulture);
}
