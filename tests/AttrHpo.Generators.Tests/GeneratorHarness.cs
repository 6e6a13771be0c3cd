using System.Collections.Immutable;
using AttrHpo.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AttrHpo.Generators.Tests;

/// <summary>Compiles source text in memory against the real runtime and runs the generator over it.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(path) == "netstandard.dll")
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(ObjectiveAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILGPU.Runtime.Accelerator).Assembly.Location),

        // The other packages, so that examples using them (SQLite and PostgreSQL storage, the GPU executor, the console, plots) compile too.
        MetadataReference.CreateFromFile(typeof(SqliteStudyStorage).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(PostgreSqlStudyStorage).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(GpuExecutor).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(StudyConsole).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(StudyPlots).Assembly.Location),

        // AttrHpo.Orleans and what its example configures: Orleans, its ADO.NET providers, the .NET generic host.
        .. Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("Orleans.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name == "AttrHpo.Orleans.dll")
                && name != "Microsoft.Extensions.Logging.Abstractions.dll")
            .Select(path => MetadataReference.CreateFromFile(path)),
    ];

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "UserAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Input{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new ObjectiveGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator over valid input: returns the generated files (hint name to text) and the compilation that includes them.</summary>
    public static (IReadOnlyDictionary<string, string> Generated, Compilation Output) Run(string source)
    {
        var (generated, output, diagnostics) = RunWithDiagnostics(source);
        Assert.Empty(diagnostics);
        return (generated, output);
    }

    /// <summary>Runs the generator and also returns the diagnostics it reported.</summary>
    public static (IReadOnlyDictionary<string, string> Generated, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) RunWithDiagnostics(string source)
    {
        var input = Compile(source);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        var generated = driver.GetRunResult().Results.Single().GeneratedSources
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        return (generated, output, diagnostics);
    }

    /// <summary>Errors and warnings of a compilation, formatted one per line (empty when clean).</summary>
    public static string Problems(Compilation compilation) =>
        string.Join(
            Environment.NewLine,
            compilation.GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .Select(d => d.ToString()));
}
