using System.Reflection;

namespace AttrHpo.Generators.Tests;

/// <summary>Compiles every snapshot case with the generator into one in-memory assembly and loads it, once per test run.</summary>
internal static class GeneratedAssembly
{
    private static readonly Lazy<Assembly> Loaded = new(Build);

    public static Assembly Instance => Loaded.Value;

    public static ObjectiveRegistry Registry => ObjectiveRegistry.FromAssembly(Instance);

    private static Assembly Build()
    {
        var input = GeneratorHarness.Compile([.. SnapshotCases.All.Values]);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return Assembly.Load(image.ToArray());
    }
}
