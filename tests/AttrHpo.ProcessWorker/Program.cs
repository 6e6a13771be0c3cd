// The worker program of the process-executor tests: its Main begins as every worker program's does, with the worker's
// services (what an application's container would hold) for the instance objectives that are resolved from them.
using AttrHpo;
using AttrHpo.ProcessWorker;
using Microsoft.Extensions.DependencyInjection;

await using var services = new ServiceCollection()
    .AddSingleton(new InjectedSettings(Factor: 7.0))
    .AddSingleton<Injected>()
    .BuildServiceProvider();
if (await WorkerHost.TryRunWithGpuAsync(args, new WorkerHostOptions { Services = services }))
{
    return 0;
}

await Console.Error.WriteLineAsync("AttrHpo.ProcessWorker runs only as a worker of a ProcessExecutor (tests/AttrHpo.Tests/Execution).");
return 2;
