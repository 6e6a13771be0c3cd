using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace AttrHpo.Analyzers.Tests.Infrastructure;

/// <summary>Runs <see cref="ObjectiveAnalyzer"/> through the Roslyn testing library, which checks ids, exact spans, severities and messages.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>Every descriptor of the catalogue, by id.</summary>
    public static IReadOnlyDictionary<string, DiagnosticDescriptor> Descriptors { get; } = typeof(Analyzers.Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The test library's default file: where <see cref="Expect"/> places spans.</summary>
    private const string TestFile = "/0/Test0.cs";

    /// <summary>Verifies that the analyzer reports exactly the case's analyzer diagnostics (the generator does not run here).</summary>
    public static Task VerifyAsync(Case @case)
    {
        var test = new CSharpAnalyzerTest<ObjectiveAnalyzer, DefaultVerifier>
        {
            TestCode = @case.Source,
            ReferenceAssemblies = References.None,
        };
        test.TestState.AdditionalReferences.AddRange(References.Runtime);
        test.ExpectedDiagnostics.AddRange(@case.Expected.Where(e => !e.ByGenerator).Select(e => Expect(@case.Source, e)));
        return test.RunAsync();
    }

    private static DiagnosticResult Expect(string source, Expected expected)
    {
        var text = Microsoft.CodeAnalysis.Text.SourceText.From(source);
        var lines = text.Lines.GetLinePositionSpan(expected.Span);
        var result = new DiagnosticResult(Descriptors[expected.Id])
            .WithSpan(TestFile, lines.Start.Line + 1, lines.Start.Character + 1, lines.End.Line + 1, lines.End.Character + 1);
        return expected.Message is null ? result : result.WithMessage(expected.Message);
    }
}
