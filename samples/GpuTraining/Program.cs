// Tunes the QuickStart digits classifier, trained by ILGPU kernels, on every GPU of this machine through the GpuExecutor
// (one trial per device at a time), or on ILGPU's CPU accelerator where there is no GPU.
//   dotnet run --project samples/GpuTraining -c Release -- [--trials 12] [--steps 200]
using System.Globalization;
using AttrHpo;
using GpuTraining;
using Microsoft.Extensions.Logging;

var trials = Option("--trials", 12);
GpuDigitsTraining.Steps = Option("--steps", 200);
using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
await using var executor = new GpuExecutor(new GpuExecutorOptions { CpuSlots = 0 }, logging.CreateLogger<GpuExecutor>());
Console.WriteLine($"{executor.DeviceSlots} device(s): {string.Join(", ", executor.Devices.Select(d => d.Device))}");

var started = DateTime.UtcNow;
var result = await GpuDigitsTraining.TrainStudy.Create(new StudyOptions { Name = "gpu-digits", Seed = 42, Executor = executor })
    .OptimizeAsync(trials, parallelism: executor.DeviceSlots);
var wall = DateTime.UtcNow - started;

foreach (var trial in result.Trials.OrderBy(t => t.Number))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#{trial.Number,-3} {trial.State,-8} {trial.Value,10:F4}  on {trial.Record.Attributes.GetValueOrDefault(GpuExecutor.DeviceAttribute)}  {trial.Parameters}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best: {result.Best?.Value:F4} with {result.Best?.Parameters}"));
foreach (var device in executor.Devices)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{device.Device}: {device.Leases} trials, leased {100 * device.Leased / wall:F0}% of {wall.TotalSeconds:F1} s"));
}

return result.Count(TrialState.Complete) > 0 ? 0 : 1;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
