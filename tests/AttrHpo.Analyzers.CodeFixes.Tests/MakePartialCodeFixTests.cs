using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttrHpo.Analyzers.CodeFixes.Tests;

public sealed class MakePartialCodeFixTests
{
    [Fact]
    public Task Adds_partial_after_the_other_modifiers() => FixVerifier.VerifyAsync<NotPartialReporter, MakePartialCodeFix>(
        "public static class C { [{|AHPO034:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }",
        "public static partial class C { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; }");

    [Fact]
    public Task Makes_every_containing_type_partial_keeping_indentation() => FixVerifier.VerifyAsync<NotPartialReporter, MakePartialCodeFix>(
        """
        public class Outer
        {
            // holds the experiments
            record Experiments
            {
                [{|AHPO034:Objective|}] internal static double M([Hyperparameter(0.0, 1.0)] double x) => x;
            }
        }
        """,
        """
        public partial class Outer
        {
            // holds the experiments
            partial record Experiments
            {
                [Objective] internal static double M([Hyperparameter(0.0, 1.0)] double x) => x;
            }
        }
        """);

    [Fact]
    public Task Leaves_types_that_are_partial_already() => FixVerifier.VerifyAsync<NotPartialReporter, MakePartialCodeFix>(
        "public partial class Outer { public struct Inner { [{|AHPO034:Objective|}] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; } }",
        "public partial class Outer { public partial struct Inner { [Objective] public static double M([Hyperparameter(0.0, 1.0)] double x) => x; } }");

    /// <summary>
    /// Stands in for the generator, which reports AHPO034 itself (the code-fix test library runs analyzers, not generators):
    /// the same descriptor, at the same place, the [Objective] attribute of a method in a type that is not partial.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NotPartialReporter : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.NotPartial];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(Analyze, SymbolKind.Method);
        }

        private static void Analyze(SymbolAnalysisContext context)
        {
            var method = (IMethodSymbol)context.Symbol;
            var objective = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "ObjectiveAttribute");
            var notPartial = method.ContainingType.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(context.CancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .Any(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword));
            for (var outer = method.ContainingType.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                notPartial |= outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<TypeDeclarationSyntax>().Any(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword));
            }

            if (objective?.ApplicationSyntaxReference is { } reference && notPartial)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotPartial, reference.GetSyntax(context.CancellationToken).GetLocation(), method.ContainingType.Name, method.Name));
            }
        }
    }
}
