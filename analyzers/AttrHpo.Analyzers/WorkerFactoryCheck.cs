using System.Collections.Concurrent;
using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AttrHpo.Analyzers;

/// <summary>
/// AHPO063: an instance objective without an <c>[ObjectiveFactory]</c> in a program that hosts worker processes. Which
/// executor a study uses is decided at run time, but a program that calls <c>WorkerHost.TryRunAsync</c> (or
/// <c>GpuWorkerHost.TryRunWithGpuAsync</c>) is the program its workers run, and a worker can only run an instance objective
/// on an instance its factory creates, or one its services resolve. A host call that passes
/// <c>new WorkerHostOptions { Services = ... }</c> says the worker resolves instances from its services, so then no
/// objective is reported. Elsewhere the objective's first trial in a worker fails with a message naming the fix.
/// </summary>
/// <remarks>Part of <see cref="ObjectiveAnalyzer"/>, which registers it.</remarks>
internal static class WorkerFactoryCheck
{
    public static void Register(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start =>
        {
            var unserved = new ConcurrentBag<(IMethodSymbol Method, AttributeData Objective)>();
            var hostCall = new ConcurrentBag<string>();
            var withServices = new ConcurrentBag<string>();
            start.RegisterSymbolAction(
                symbol =>
                {
                    var method = (IMethodSymbol)symbol.Symbol;
                    if (!method.IsStatic && method.ContainingType?.TypeKind == TypeKind.Class
                        && AnnotationRules.FindObjective(method) is { } objective
                        && !FactoryRules.HasFactory(method.ContainingType))
                    {
                        unserved.Add((method, objective));
                    }
                },
                SymbolKind.Method);
            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    var target = invocation.TargetMethod;
                    if (target.Name.StartsWith("TryRun", StringComparison.Ordinal)
                        && target.ContainingType is { Name: "WorkerHost" or "GpuWorkerHost" } host
                        && host.ContainingNamespace.ToDisplayString() == KnownNames.RuntimeNamespace)
                    {
                        hostCall.Add($"{host.Name}.{target.Name}");
                        if (invocation.Arguments.Any(a => SetsServices(a.Value)))
                        {
                            withServices.Add(host.Name);
                        }
                    }
                },
                OperationKind.Invocation);
            start.RegisterCompilationEndAction(end =>
            {
                var call = hostCall.OrderBy(c => c, StringComparer.Ordinal).FirstOrDefault();
                if (call is null || !withServices.IsEmpty)
                {
                    return;
                }

                foreach (var (method, objective) in unserved)
                {
                    var location = objective.ApplicationSyntaxReference?.GetSyntax(end.CancellationToken).GetLocation() ?? method.Locations[0];
                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingFactory, location, method.Name, call, method.ContainingType.Name));
                }
            });
        });

    /// <summary>Whether <paramref name="value"/> is <c>new WorkerHostOptions { Services = ... }</c>.</summary>
    private static bool SetsServices(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IObjectCreationOperation { Initializer: { } initializer } creation
            && KnownNames.Is(creation.Type, KnownNames.RuntimeNamespace, "WorkerHostOptions")
            && initializer.Initializers.OfType<ISimpleAssignmentOperation>().Any(a => a.Target is IPropertyReferenceOperation { Property.Name: "Services" });
    }
}
