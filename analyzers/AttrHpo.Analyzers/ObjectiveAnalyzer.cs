using System.Collections.Immutable;
using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttrHpo.Analyzers;

/// <summary>
/// Reports every mistake in AttrHpo annotations at build time, at the offending attribute or parameter.
/// Only wiring here: the rules and the catalogue of descriptors live in analyzers/AttrHpo.Annotations.Rules, which the generator compiles too.
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
        Descriptors.InvalidFactory, Descriptors.MultipleFactories, Descriptors.FactoryWithoutInstanceObjective, Descriptors.MissingFactory, Descriptors.MissingSiloFactory,
    ];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
        context.RegisterSyntaxNodeAction(AnalyzeLocalFunction, SyntaxKind.LocalFunctionStatement);
        WorkerFactoryCheck.Register(context);
    }

    /// <summary>Local functions are not symbols the method action sees; an [Objective] on one would silently do nothing.</summary>
    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken) is IMethodSymbol function
            && AnnotationRules.FindObjective(function) is { } objective
            && ObjectiveRules.CheckKind(function, objective) is { } notOrdinary)
        {
            new Reporter(context.ReportDiagnostic, context.CancellationToken).Report([notOrdinary]);
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context) =>
        new Reporter(context.ReportDiagnostic, context.CancellationToken).Report(AnnotationRules.ForMethod((IMethodSymbol)context.Symbol));
}
