using Microsoft.Extensions.Logging;

namespace AttrHpo.ProcessWorker;

/// <summary>Objectives that behave, and objectives that crash, hang or throw on a chosen trial, for the process-executor tests.</summary>
public static partial class Faults
{
    /// <summary>A cheap smooth function; records the process that ran it (attribute "pid").</summary>
    [Objective(Direction.Minimize)]
    public static double Square([Hyperparameter(-1.0, 1.0)] double x, [Hyperparameter(1, 64)] int width, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("pid", Environment.ProcessId);
        return (x * x) + (1.0 / width);
    }

    /// <summary>As <see cref="Square"/>, but trial 3 kills its process with Environment.FailFast.</summary>
    [Objective(Direction.Minimize)]
    public static double FailFastOnTrial3([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("pid", Environment.ProcessId);
        if (trial.Number == 3)
        {
            Environment.FailFast("trial 3 fails fast on purpose");
        }

        return x * x;
    }

    /// <summary>Trial 1 hangs, deaf to cancellation; the others return at once.</summary>
    [Objective(Direction.Minimize)]
    public static double HangOnTrial1([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("pid", Environment.ProcessId);
        if (trial.Number == 1)
        {
            Thread.Sleep(Timeout.Infinite);
        }

        return x * x;
    }

    /// <summary>Records its process, then waits until cancelled (or killed).</summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> WaitAsync([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("pid", Environment.ProcessId);
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        return x;
    }

    /// <summary>Throws, with the parameter in the message.</summary>
    [Objective(Direction.Minimize)]
    public static double Throw([Hyperparameter(-1.0, 1.0)] double x) =>
        throw new InvalidOperationException($"x was {x.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    /// <summary>
    /// A learning curve over 9 epochs, reported each epoch with ReportOrPrune: trials whose learning rate is far from 1e-3
    /// converge to a worse loss.
    /// </summary>
    [Objective(Direction.Minimize)]
    public static double Epochs([Hyperparameter(1e-5, 1e-1, Log = true)] double learningRate, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var loss = 0.0;
        for (var step = 1; step <= 9; step++)
        {
            loss = Math.Abs(Math.Log10(learningRate) + 3) + (1.0 / step);
            trial.ReportOrPrune(step, loss);
        }

        return loss;
    }
}

/// <summary>An objective that logs, and continues from the checkpoint of the trial it promotes.</summary>
public static partial class Resumable
{
    /// <summary>Returns one more than the checkpoint it resumes from (0 without one), and saves that as its own checkpoint.</summary>
    [Objective(Direction.Minimize)]
    public static async Task<double> ResumeAsync([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var resumed = await trial.LoadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        var count = resumed is null ? 0 : resumed.State.Span[0];
        trial.Logger.LogWarning("trial {Number} resumes from {Count}", trial.Number, count);
        await trial.SaveCheckpointAsync(new[] { (byte)(count + 1) }, cancellationToken).ConfigureAwait(false);
        return count + 1;
    }
}

/// <summary>An objective that overflows its stack on trial 0.</summary>
public static partial class Recursion
{
    /// <summary>Recurses without end on trial 0; returns x otherwise.</summary>
    [Objective(Direction.Minimize)]
    public static double Overflow([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.Number == 0 ? Deeper(x, 0) : x;
    }

    private static double Deeper(double x, long depth) => depth == long.MaxValue ? x : Deeper(x, depth + 1) + 1;
}

/// <summary>An objective that records what its worker was given: its GPU, its processors and its slot.</summary>
public static partial class Pinning
{
    /// <summary>Records CUDA_VISIBLE_DEVICES, the processor count and ATTRHPO_TEST_SLOT as attributes.</summary>
    [Objective(Direction.Minimize)]
    public static double Record([Hyperparameter(-1.0, 1.0)] double x, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("gpu", Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES") ?? "none");
        trial.SetAttribute("processors", Environment.ProcessorCount);
        trial.SetAttribute("slot", Environment.GetEnvironmentVariable("ATTRHPO_TEST_SLOT") ?? "none");
        return x;
    }

    /// <summary>Records CUDA_VISIBLE_DEVICES and the <see cref="GpuDevice"/> the worker leased the trial.</summary>
    [Objective(Direction.Minimize)]
    public static double RecordDevice([Hyperparameter(-1.0, 1.0)] double x, GpuDevice device, TrialContext trial)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(trial);
        trial.SetAttribute("gpu", Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES") ?? "none");
        trial.SetAttribute("slot", Environment.GetEnvironmentVariable("ATTRHPO_TEST_SLOT") ?? "none");
        trial.SetAttribute("index", device.Index);
        trial.SetAttribute("machine", device.MachineIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        return x;
    }
}
