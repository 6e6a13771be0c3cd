using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace AttrHpo;

/// <summary>How a <see cref="ProcessExecutor"/> starts its worker processes.</summary>
public sealed record ProcessExecutorOptions
{
    /// <summary>How many worker processes run trials at once; the number of processors when <see langword="null"/>.</summary>
    public int? Slots { get; init; }

    /// <summary>
    /// The worker program: an executable, or a <c>.dll</c> run with <c>dotnet</c>. Its <c>Main</c> begins with
    /// <c>if (await WorkerHost.TryRunAsync(args)) return 0;</c>. By default this program, started again.
    /// </summary>
    public string? Program { get; init; }

    /// <summary>Arguments given to every worker before the worker argument.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// GPUs to pin workers to: worker <c>i</c> sees only <c>GpuDevices[i % count]</c> (<c>CUDA_VISIBLE_DEVICES</c>), so
    /// with as many slots as devices each worker has a GPU of its own. None when <see langword="null"/>.
    /// </summary>
    public IReadOnlyList<int>? GpuDevices { get; init; }

    /// <summary>
    /// The processors each worker's runtime sees (<c>DOTNET_PROCESSOR_COUNT</c>: its thread pool, parallel loops and
    /// <see cref="Environment.ProcessorCount"/>), so that workers share the cores instead of each sizing itself to all of them.
    /// The runtime's default when <see langword="null"/>.
    /// </summary>
    public int? ProcessorsPerWorker { get; init; }

    /// <summary>More environment variables for the worker in a given slot (from 0), applied last.</summary>
    public Func<int, IReadOnlyDictionary<string, string>>? Environment { get; init; }

    /// <summary>
    /// How long a cancelled trial (a timeout, or the study stopping) is given to stop before its worker is killed and replaced.
    /// Keep it short: the study waits this long at most.
    /// </summary>
    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a new worker is given to start and connect.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options; the message of the exception names the option and what to do.</summary>
    internal void Validate()
    {
        if (Slots < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Slots), Slots, "ProcessExecutorOptions.Slots must be at least 1.");
        }

        if (CancelGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CancelGrace), CancelGrace, "ProcessExecutorOptions.CancelGrace must not be negative.");
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StartTimeout), StartTimeout, "ProcessExecutorOptions.StartTimeout must be positive.");
        }

        if (ProcessorsPerWorker < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ProcessorsPerWorker), ProcessorsPerWorker, "ProcessExecutorOptions.ProcessorsPerWorker must be at least 1.");
        }

        if (GpuDevices is { Count: 0 })
        {
            throw new ArgumentException("ProcessExecutorOptions.GpuDevices is empty; leave it null to pin no GPU.", nameof(GpuDevices));
        }

        if (Program is { } program && !File.Exists(program))
        {
            throw new ArgumentException(
                $"ProcessExecutorOptions.Program: '{program}' does not exist. Give the path of the program (or its .dll) whose Main calls WorkerHost.TryRunAsync(args).",
                nameof(Program));
        }
    }

    /// <summary>How to start the worker of a slot, connecting to <paramref name="socketPath"/> with <paramref name="token"/>.</summary>
    internal ProcessStartInfo StartInfo(int slot, string socketPath, string token)
    {
        var (fileName, leading) = Command();
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        foreach (var argument in leading.Concat(Arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(WorkerProtocol.WorkerArgument);
        start.ArgumentList.Add(socketPath);
        start.Environment[WorkerProtocol.TokenVariable] = token;
        if (GpuDevices is { } devices)
        {
            start.Environment["CUDA_VISIBLE_DEVICES"] = devices[slot % devices.Count].ToString(CultureInfo.InvariantCulture);
        }

        if (ProcessorsPerWorker is { } processors)
        {
            start.Environment["DOTNET_PROCESSOR_COUNT"] = processors.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in Environment?.Invoke(slot) ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>The file to run and the arguments before the user's: the program itself, or the .NET host and the .dll.</summary>
    private (string FileName, string[] Leading) Command()
    {
        var host = System.Environment.ProcessPath;
        var hostIsDotnet = host is not null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var dotnet = hostIsDotnet ? host! : System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        if (Program is { } program)
        {
            return program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (dotnet, [program]) : (program, []);
        }

        if (hostIsDotnet)
        {
            // Run as `dotnet app.dll` (never single-file): the entry assembly is a file in the application's folder.
            var entry = Assembly.GetEntryAssembly()?.GetName().Name is { } name ? Path.Combine(AppContext.BaseDirectory, name + ".dll") : null;
            return entry is null || !File.Exists(entry)
                ? throw new InvalidOperationException("This program's entry assembly has no file to start workers from; set ProcessExecutorOptions.Program.")
                : (dotnet, [entry]);
        }

        return host is null
            ? throw new InvalidOperationException("This process's executable is unknown, so it cannot be started again as a worker; set ProcessExecutorOptions.Program.")
            : (host, []);
    }
}
