using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace AttrHpo.Orleans.Tests.Processes;

/// <summary>
/// One process of samples/Cluster (a silo, or a one-shot role), started for real from the sample's built assembly, with its
/// output kept. <see cref="Kill"/> ends it with SIGKILL: no shutdown, nothing flushed, as a machine that loses power.
/// </summary>
internal sealed class SampleProcess : IDisposable
{
    /// <summary>Where the sample was built (recorded by this project's build; see the csproj).</summary>
    public static string AssemblyPath { get; } = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ClusterSamplePath").Value!;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(Process process, string role)
    {
        _process = process;
        Role = role;
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Role { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static SampleProcess Start(string role, params string[] args) => Start(role, new Dictionary<string, string>(), args);

    /// <summary>Starts a role with extra environment variables (the sample's <c>ATTRHPO_SAMPLE_*</c> settings).</summary>
    public static SampleProcess Start(string role, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(AssemblyPath);
        start.ArgumentList.Add(role);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new SampleProcess(Process.Start(start)!, role);
    }

    /// <summary>Runs a one-shot role to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string role, TimeSpan patience, params string[] args)
    {
        using var process = Start(role, args);
        var code = await process.WaitForExitAsync(patience);
        return (code, process.Output);
    }

    /// <summary>Waits for the process's "ready" line (its silo has joined the cluster).</summary>
    public async Task WaitReadyAsync(TimeSpan patience)
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(_ready.Task, exited, Task.Delay(patience)) != _ready.Task)
        {
            throw new TimeoutException($"The {Role} process did not become ready (exited: {_process.HasExited}). Its output:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The {Role} process did not exit within {patience}. Its output:{Environment.NewLine}{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGINT, as Ctrl+C in its terminal: the process is asked to stop and shuts down as it chooses.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -INT {Id} failed: the {Role} process is gone");
    }

    /// <summary>SIGKILL: the process ends at once, with no shutdown of any kind.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains(" ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
