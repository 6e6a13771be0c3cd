using System.Collections.Immutable;
using AttrHpo.Analyzers.Rules;
using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttrHpo.Analyzers;

/// <summary>
/// Reports every mistake in AttrHpo annotations at build time, at the offending attribute or parameter.
/// Only wiring here: the rules live in <c>Rules/</c>, the catalogue in <see cref="Descriptors"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ObjectiveAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Descriptors.EmptyRange, Descriptors.LogRangeNotPositive, Descriptors.InvalidStep, Descriptors.StepMissesHighBound,
        Descriptors.BoundDoesNotFitType, Descriptors.RangeOnUnsupportedType, Descriptors.NoChoices, Descriptors.DuplicateChoice,
        Descriptors.ChoiceDoesNotConvert, Descriptors.BareOnUnsupportedType, Descriptors.EnumWithoutMembers, Descriptors.NotSuppliable,
        Descriptors.UnsearchableType, Descriptors.ByReference, Descriptors.HyperparameterAndBudget, Descriptors.AnnotationWithoutObjective, Descriptors.MultipleAccelerators,
        Descriptors.UnsupportedReturn, Descriptors.GenericObjective, Descriptors.ObjectiveNotStatic, Descriptors.NotAccessible,
        Descriptors.NotAnOrdinaryMethod, Descriptors.MultipleBudgets, Descriptors.InvalidBudget, Descriptors.BudgetNotInteger, Descriptors.DefaultOutsideSpace,
    ];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
        context.RegisterSyntaxNodeAction(AnalyzeLocalFunction, SyntaxKind.LocalFunctionStatement);
    }

    /// <summary>Local functions are not symbols the method action sees; an [Objective] on one would silently do nothing.</summary>
    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken) is IMethodSymbol function
            && function.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.ObjectiveAttribute) is { } objective)
        {
            new Reporter(context.ReportDiagnostic, context.CancellationToken).At(objective, Descriptors.NotAnOrdinaryMethod, function.Name, "a local function");
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        var reporter = new Reporter(context.ReportDiagnostic, context.CancellationToken);
        var objective = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.ObjectiveAttribute);
        if (objective is null)
        {
            ParameterRules.CheckStrayAnnotations(method, reporter);
            return;
        }

        if (method.MethodKind != MethodKind.Ordinary)
        {
            reporter.At(objective, Descriptors.NotAnOrdinaryMethod, method.AssociatedSymbol?.Name ?? method.Name, ObjectiveRules.Describe(method.MethodKind));
            return;
        }

        ObjectiveRules.Check(method, objective, reporter);
        ParameterRules.Check(method, objective, reporter);
    }
}
