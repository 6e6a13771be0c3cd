// The worker program of the process-executor tests: its Main begins as every worker program's does.
using AttrHpo;

if (await WorkerHost.TryRunWithGpuAsync(args))
{
    return 0;
}

await Console.Error.WriteLineAsync("AttrHpo.ProcessWorker runs only as a worker of a ProcessExecutor (tests/AttrHpo.Tests/Execution).");
return 2;
