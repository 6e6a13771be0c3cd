using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>The GPU executor's log messages.</summary>
internal static partial class GpuLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning,
        Message = "{Why}: GPU trials run on ILGPU's CPU accelerator ({Devices} device(s), {PerDevice} trial(s) each), much slower than on a GPU. Set WhenNoGpu = Refuse to stop instead.")]
    public static partial void FallingBackToCpu(ILogger logger, string why, int devices, int perDevice);
}
