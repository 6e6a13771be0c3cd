using AttrHpo.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AttrHpo.Analyzers.CodeFixes.Tests;

/// <summary>Runs an analyzer and a code fix on a source with markup, and checks the fixed source (and that the fix clears the diagnostic).</summary>
internal static class FixVerifier
{
    public const string Prelude = "using AttrHpo;\nnamespace Demo;\n";

    public static Task VerifyAsync<TAnalyzer, TFix>(string before, string after, int fixAllIterations = 1)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = Prelude + before,
            FixedCode = Prelude + after,
            ReferenceAssemblies = References.None,
            NumberOfFixAllIterations = fixAllIterations,
        };
        test.TestState.AdditionalReferences.AddRange(References.Runtime);
        test.FixedState.AdditionalReferences.AddRange(References.Runtime);
        return test.RunAsync();
    }
}
