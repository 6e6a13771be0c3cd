using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AttrHpo.Tool.Hunt;

/// <summary>A trial's run of the hunted program failed: the message says how, with the end of its standard error.</summary>
internal sealed class ProgramFailedException(string message) : Exception(message);

/// <summary>
/// Runs the hunted program for one trial: substitutes the trial's values into its arguments, passes the trial in environment
/// variables, keeps its standard output and error in <c>LOGS/TRIAL/stdout.txt</c> and <c>stderr.txt</c> (with the command in
/// <c>command.txt</c>), feeds its <c>attrhpo: step=N value=V</c> lines to the trial's reports, stops it (its whole process tree)
/// when the pruning rule says so or the study is stopped, and reads its result (<see cref="ResultProtocol"/>).
/// </summary>
/// <param name="command">The program and its arguments.</param>
/// <param name="logs">The study's log folder; each trial writes a folder named by its number in it.</param>
internal sealed class TrialProcess(HuntCommandLine command, string logs)
{
    private const int TailLines = 20;

    /// <summary>How long the program's output is read after it exits: a child it left behind may hold the pipes open.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    /// <summary>The study's log folder.</summary>
    public string Logs { get; } = logs;

    public async ValueTask<double> RunAsync(IReadOnlyList<object> values, string parametersJson, TrialContext trial, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Logs, trial.Number.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var results = Path.Combine(folder, "results.json");
        File.Delete(results); // a retried trial's earlier result must not count
        var budget = trial.Budget ?? command.Fidelity?.Fidelity?.Max ?? 0;
        var arguments = command.Arguments(values, budget);
        var start = StartInfo(arguments, trial, parametersJson, budget, folder, results);
        await File.WriteAllTextAsync(Path.Combine(folder, "command.txt"), string.Join(' ', [command.Executable, .. arguments.Select(Quote)]) + "\n", cancellationToken).ConfigureAwait(false);
        trial.SetAttribute("logs", Path.GetFullPath(folder));
        cancellationToken.ThrowIfCancellationRequested();
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new ProgramFailedException($"'{command.Executable}' could not be started: {exception.Message}. Check that it exists and is executable (chmod +x).");
        }

        // Killed as soon as the study stops (Ctrl+C, a timeout): the registration runs inside Cancel, before anything else.
        using var stop = cancellationToken.Register(() => Kill(process));
        process.StandardInput.Close(); // the program reads no input: stdin is at its end
        var output = new Output(trial, () => Kill(process));
        var reading = Task.WhenAll(
            CopyAsync(process.StandardOutput, Path.Combine(folder, "stdout.txt"), output.Take),
            CopyAsync(process.StandardError, Path.Combine(folder, "stderr.txt"), output.TakeError));
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Kill(process); // what it started and left behind, or all of it when the study stopped
            await SettleAsync(process, reading).ConfigureAwait(false);
        }

        if (output.Pruned)
        {
            trial.Prune();
        }

        if (output.ProtocolError is { } protocolError)
        {
            throw new ProgramFailedException(protocolError + output.ErrorTail());
        }

        if (process.ExitCode is 130 or 143)
        {
            // Ctrl+C in a terminal reaches the program too: it may end before the study hears of it.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            throw new ProgramFailedException($"The program exited with code {process.ExitCode}.{output.ErrorTail()}");
        }

        var value = File.Exists(results) && new FileInfo(results).Length > 0 ? ReadResults(results, output) : output.Objective
            ?? throw new ProgramFailedException(
                "The program exited with code 0 but reported no result: print a line 'attrhpo: objective=VALUE' or write " +
                $"{{\"objective\": VALUE}} to $ATTRHPO_RESULTS_FILE.{(output.Unknown is { } unknown ? $" (The line '{unknown}' is not one attrhpo reads.)" : string.Empty)}{output.ErrorTail()}");
        return double.IsFinite(value)
            ? value
            : throw new ProgramFailedException($"The program reported the objective {value.ToString(CultureInfo.InvariantCulture)}, which is not a finite number.{output.ErrorTail()}");
    }

    /// <summary>How the program starts: its arguments, its output read here, and the trial in its environment.</summary>
    private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, TrialContext trial, string parametersJson, long budget, string folder, string results)
    {
        var start = new ProcessStartInfo(command.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ATTRHPO_STUDY"] = trial.StudyName;
        start.Environment["ATTRHPO_TRIAL"] = trial.Number.ToString(CultureInfo.InvariantCulture);
        start.Environment["ATTRHPO_TRIAL_ID"] = trial.Id;
        start.Environment["ATTRHPO_SEED"] = trial.Seed.ToString(CultureInfo.InvariantCulture);
        start.Environment["ATTRHPO_PARAMETERS"] = parametersJson;
        start.Environment["ATTRHPO_TRIAL_DIR"] = Path.GetFullPath(folder);
        start.Environment["ATTRHPO_RESULTS_FILE"] = Path.GetFullPath(results);
        if (command.Fidelity is not null)
        {
            start.Environment["ATTRHPO_BUDGET"] = budget.ToString(CultureInfo.InvariantCulture);
        }

        if (trial.PromotedFrom is { } from)
        {
            start.Environment["ATTRHPO_PROMOTED_FROM"] = from.ToString(CultureInfo.InvariantCulture);
        }

        if (trial.TryGetResource<GpuDevice>(out var device))
        {
            SetDevice(start, device);
        }

        return start;
    }

    /// <summary>
    /// The leased device in the program's environment: a CUDA GPU as the only one it sees (<c>CUDA_VISIBLE_DEVICES</c>, so it
    /// is <c>cuda:0</c> to the program), and <c>ATTRHPO_GPU_INDEX</c> (the machine's number of the device), <c>ATTRHPO_GPU_NAME</c>
    /// and <c>ATTRHPO_GPU_STAND_IN</c> (1 when the CPU stands in for a GPU: the program should run on the CPU).
    /// </summary>
    private static void SetDevice(ProcessStartInfo start, GpuDevice device)
    {
        // The device's number on the machine (GpuDevice reads it from CUDA_VISIBLE_DEVICES); where that variable names devices
        // by UUID, its entry for this device, which CUDA_VISIBLE_DEVICES takes as well.
        var machine = device.MachineIndex?.ToString(CultureInfo.InvariantCulture)
            ?? Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES")?.Split(',', StringSplitOptions.TrimEntries).ElementAtOrDefault(device.Index)
            ?? device.Index.ToString(CultureInfo.InvariantCulture);
        if (device.Kind == GpuDeviceKind.Cuda)
        {
            start.Environment["CUDA_VISIBLE_DEVICES"] = machine;
        }

        start.Environment["ATTRHPO_GPU_INDEX"] = device.IsStandIn ? device.Index.ToString(CultureInfo.InvariantCulture) : machine;
        start.Environment["ATTRHPO_GPU_NAME"] = device.Name;
        start.Environment["ATTRHPO_GPU_STAND_IN"] = device.IsStandIn ? "1" : "0";
    }

    /// <summary>Waits for the killed program to end and for its output to be read, a few seconds at most each.</summary>
    private static async Task SettleAsync(Process process, Task reading)
    {
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(DrainTime).ConfigureAwait(false);
            await reading.WaitAsync(DrainTime).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Something it started still holds its output open: what was read stands.
        }
    }

    private static double ReadResults(string path, Output output)
    {
        try
        {
            return ResultProtocol.ReadFile(File.ReadAllText(path));
        }
        catch (FormatException exception)
        {
            throw new ProgramFailedException($"The results file $ATTRHPO_RESULTS_FILE cannot be read: {exception.Message}.{output.ErrorTail()}");
        }
    }

    private static async Task CopyAsync(StreamReader reader, string path, Action<string> take)
    {
        await using var file = new StreamWriter(path, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await file.WriteLineAsync(line).ConfigureAwait(false);
            take(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Exited already, or never started.
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=.,/:+@%".Contains(c, StringComparison.Ordinal))
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>What the program has said so far: its result, whether its reports got it pruned, the end of its standard error.</summary>
    private sealed class Output(TrialContext trial, Action kill)
    {
        private readonly Lock _gate = new();
        private readonly Queue<string> _errors = new();

        public double? Objective { get; private set; }

        public bool Pruned { get; private set; }

        public string? ProtocolError { get; private set; }

        public string? Unknown { get; private set; }

        public void Take(string line)
        {
            var read = ResultProtocol.Read(line);
            switch (read.Kind)
            {
                case ResultProtocol.LineKind.Objective:
                    Objective = read.Value;
                    break;
                case ResultProtocol.LineKind.Report when !Pruned && ProtocolError is null:
                    try
                    {
                        trial.Report(read.Step, read.Value);
                    }
                    catch (ArgumentException exception)
                    {
                        ProtocolError = $"The program's report '{read.Text}' was refused: {exception.Message}";
                        kill();
                        return;
                    }

                    if (trial.ShouldPrune)
                    {
                        Pruned = true;
                        kill();
                    }

                    break;
                case ResultProtocol.LineKind.Unknown:
                    Unknown ??= read.Text;
                    break;
            }
        }

        public void TakeError(string line)
        {
            lock (_gate)
            {
                _errors.Enqueue(line);
                if (_errors.Count > TailLines)
                {
                    _errors.Dequeue();
                }
            }
        }

        public string ErrorTail()
        {
            lock (_gate)
            {
                return _errors.Count == 0 ? " Its standard error is empty." : $" Its standard error ends:\n{string.Join('\n', _errors)}";
            }
        }
    }
}
