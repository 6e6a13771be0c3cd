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
/// on an instance its factory creates. Elsewhere the objective's first trial in a worker fails with a message naming the fix.
/// </summary>
/// <remarks>Part of <see cref="ObjectiveAnalyzer"/>, which registers it.</remarks>
internal static class WorkerFactoryCheck
{
    public static void Register(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start =>
        {
            var unserved = new ConcurrentBag<(IMethodSymbol Method, AttributeData Objective)>();
            var hostCall = new ConcurrentBag<string>();
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
                    var target = ((IInvocationOperation)operation.Operation).TargetMethod;
                    if (target.Name.StartsWith("TryRun", StringComparison.Ordinal)
                        && target.ContainingType is { Name: "WorkerHost" or "GpuWorkerHost" } host
                        && host.ContainingNamespace.ToDisplayString() == KnownNames.RuntimeNamespace)
                    {
                        hostCall.Add($"{host.Name}.{target.Name}");
                    }
                },
                OperationKind.Invocation);
            start.RegisterCompilationEndAction(end =>
            {
                var call = hostCall.OrderBy(c => c, StringComparer.Ordinal).FirstOrDefault();
                if (call is null)
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
}
