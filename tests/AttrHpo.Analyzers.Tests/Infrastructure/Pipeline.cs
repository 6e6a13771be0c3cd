using System.Collections.Immutable;
using AttrHpo.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttrHpo.Analyzers.Tests.Infrastructure;

/// <summary>What a build does with one source: the generator runs, then the analyzer over the compilation that includes its output.</summary>
/// <param name="Source">The input.</param>
/// <param name="Generated">The generated files, hint name to text.</param>
/// <param name="GeneratorDiagnostics">What the generator driver reported (the generator's AHPO diagnostics, and CS8785 if it threw).</param>
/// <param name="AnalyzerDiagnostics">What the analyzer reported over the input and the generated files.</param>
/// <param name="CompilerErrors">The compiler's errors for the input and the generated files together.</param>
/// <param name="Objectives">How many methods of the input carry <c>[Objective]</c>.</param>
internal sealed record BuildResult(
    string Source,
    IReadOnlyDictionary<string, string> Generated,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    ImmutableArray<Diagnostic> CompilerErrors,
    int Objectives)
{
    /// <summary>The generator's and the analyzer's diagnostics together.</summary>
    public IEnumerable<Diagnostic> All => GeneratorDiagnostics.Concat(AnalyzerDiagnostics);

    /// <summary>Generated files with a working objective: a shim and its registration.</summary>
    public int Shims => Generated.Values.Count(text => text.Contains("RegisteredObjective", StringComparison.Ordinal));

    /// <summary>Whether the generator refused some objective: it said why, or emitted no working shim for it.</summary>
    public bool Rejected => !GeneratorDiagnostics.IsEmpty || Shims < Objectives;

    /// <summary>The diagnostics, one per line, for assertion messages.</summary>
    public string Describe() =>
        $"generator: [{string.Join("; ", GeneratorDiagnostics)}]{Environment.NewLine}analyzer: [{string.Join("; ", AnalyzerDiagnostics)}]"
        + $"{Environment.NewLine}shims: {Shims} of {Objectives} objectives{Environment.NewLine}{Source}";
}

/// <summary>Runs the generator and the analyzer in memory, as <c>dotnet build</c> would.</summary>
internal static class Pipeline
{
    public const string Path = "Input0.cs";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(string source) =>
        CSharpCompilation.Create(
            "UserAssembly",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: Path)],
            References.Runtime,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static async Task<BuildResult> RunAsync(string source)
    {
        var input = Compile(source);
        var driver = CSharpGeneratorDriver.Create([new ObjectiveGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        var generated = driver.GetRunResult().Results.Single().GeneratedSources
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        var analyzerDiagnostics = await output
            .WithAnalyzers([new ObjectiveAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();
        var compilerErrors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        var model = input.GetSemanticModel(input.SyntaxTrees.Single());
        var objectives = model.SyntaxTree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(m => model.GetDeclaredSymbol(m))
            .Count(m => m is { PartialDefinitionPart: null } // a partial method once, by its defining part
                && m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "AttrHpo.ObjectiveAttribute"));
        return new BuildResult(source, generated, generatorDiagnostics, analyzerDiagnostics, compilerErrors, objectives);
    }
}
