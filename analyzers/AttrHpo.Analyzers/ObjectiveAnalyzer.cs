using System.Collections.Immutable;
using AttrHpo.Analyzers.Rules;
using AttrHpo.Generators.Parsing;
using Microsoft.CodeAnalysis;
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
        Descriptors.UnsearchableType, Descriptors.ByReference, Descriptors.HyperparameterAndBudget, Descriptors.AnnotationWithoutObjective,
        Descriptors.UnsupportedReturn, Descriptors.GenericObjective, Descriptors.ObjectiveNotStatic, Descriptors.NotAccessible,
        Descriptors.MultipleBudgets, Descriptors.InvalidBudget, Descriptors.BudgetNotInteger, Descriptors.DefaultOutsideSpace,
    ];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
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

        ObjectiveRules.Check(method, objective, reporter);
        ParameterRules.Check(method, objective, reporter);
    }
}
