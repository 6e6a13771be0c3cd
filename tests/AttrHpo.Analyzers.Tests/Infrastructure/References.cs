using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AttrHpo.Analyzers.Tests.Infrastructure;

/// <summary>
/// What test sources compile against: the running runtime's own assemblies and the real AttrHpo runtime, offline.
/// <c>ReferenceAssemblies.Net.Net80</c> downloads Microsoft.NETCore.App.Ref 8.0 at test time, and then fails anyway: AttrHpo.dll
/// targets net10.0, which net8.0 reference assemblies cannot compile against (CS1705). The testing library has no net10.0 set.
/// </summary>
internal static class References
{
    /// <summary>No reference assemblies from NuGet: <see cref="Runtime"/> supplies them all.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    /// <summary>The runtime's System assemblies, AttrHpo, Microsoft.Extensions.Logging.Abstractions and .DependencyInjection.Abstractions, ILGPU and AttrHpo.Gpu (for sources that take an accelerator).</summary>
    public static ImmutableArray<MetadataReference> Runtime { get; } =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(path) == "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(ObjectiveAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILGPU.Runtime.Accelerator).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(GpuExecutor).Assembly.Location),
    ];
}
