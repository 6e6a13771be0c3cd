using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace AttrHpo.Tests.Support;

/// <summary>
/// A real child process running tests/AttrHpo.StudyWorker: one study on a SQLite file. Its "complete N" lines (printed after
/// each trial is committed) and its standard error are collected as they come.
/// </summary>
public sealed class StudyWorkerProcess : IDisposable
{
    /// <summary>How long a test waits for a worker at most before it fails instead of hanging; never part of an assertion.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly string WorkerPath = typeof(StudyWorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "StudyWorkerPath").Value!;

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private StudyWorkerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The numbers of the trials this worker printed as complete, in the order printed.</summary>
    public IReadOnlyList<int> Completed
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines.Where(l => l.StartsWith("complete ", StringComparison.Ordinal)).Select(l => int.Parse(l["complete ".Length..], System.Globalization.CultureInfo.InvariantCulture))];
            }
        }
    }

    /// <summary>Every line the worker printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Everything the worker wrote to its standard error.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts a worker; see tests/AttrHpo.StudyWorker/Program.cs for the arguments.</summary>
    public static StudyWorkerProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <summary>Starts a worker with <paramref name="environment"/> added to its environment.</summary>
    public static StudyWorkerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerPath);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var worker = new StudyWorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Take(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (worker._errors)
            {
                worker._errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the worker has printed a line that satisfies <paramref name="condition"/> over all its lines so far.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> condition, string what)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!Check(condition))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(patience.Token); // reads its output to the end
                if (Check(condition))
                {
                    return;
                }

                throw new InvalidOperationException($"The worker exited ({_process.ExitCode}) before {what}. Its errors: {Errors}");
            }

            try
            {
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(100), patience.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The worker did not get to {what} within {Patience}. Its errors: {Errors}");
            }
        }
    }

    /// <summary>Writes one line to the worker's input and returns the next line it prints.</summary>
    public async Task<string> SendAsync(string line)
    {
        var before = Lines.Count;
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
        await WaitForAsync(lines => lines.Count > before, $"answering '{line}'");
        return Lines[before];
    }

    /// <summary>Tells a worker started with --wait-for-go to start.</summary>
    public async Task GoAsync()
    {
        await _process.StandardInput.WriteLineAsync();
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Kills the worker at once (SIGKILL on Linux: no cleanup, no finally blocks) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    /// <summary>Sends the worker SIGINT, as Ctrl+C in its terminal would, and waits until it has exited.</summary>
    public async Task InterruptAsync()
    {
        if (Signals.kill(_process.Id, Signals.SIGINT) != 0)
        {
            throw new InvalidOperationException($"kill(SIGINT) failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.");
        }

        await WaitForExitAsync();
    }

    /// <summary>Waits for the worker to exit and for its output to be read to the end.</summary>
    public async Task WaitForExitAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The worker did not exit within {Patience}. Its errors: {Errors}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private bool Check(Func<IReadOnlyList<string>, bool> condition)
    {
        lock (_lines)
        {
            return condition(_lines);
        }
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        _lineArrived.Release();
    }
}

/// <summary>POSIX signals, for interrupting a worker as a terminal would.</summary>
internal static class Signals
{
    public const int SIGINT = 2;

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the test project for one call
    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    internal static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
