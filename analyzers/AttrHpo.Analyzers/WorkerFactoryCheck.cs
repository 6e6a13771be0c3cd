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
/// AHPO064 is the same rule for Orleans silos: a program that calls <c>siloBuilder.AddAttrHpo(...)</c> runs trials on its
/// silos' workers, which resolve the instance from the silo's services or make it with the factory. An objective whose type
/// has no factory is reported unless the program registers the type with <c>Microsoft.Extensions.DependencyInjection</c>
/// (<c>AddSingleton&lt;T&gt;</c>, <c>AddTransient(typeof(T))</c> and the like).
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
            var siloHost = new ConcurrentBag<bool>();
            var registered = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
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
                    else if (IsSiloHost(target))
                    {
                        siloHost.Add(true);
                    }
                    else
                    {
                        foreach (var type in RegisteredServices(invocation))
                        {
                            registered[type] = true;
                        }
                    }
                },
                OperationKind.Invocation);
            start.RegisterCompilationEndAction(end =>
            {
                var call = hostCall.OrderBy(c => c, StringComparer.Ordinal).FirstOrDefault();
                foreach (var (method, objective) in unserved)
                {
                    var location = objective.ApplicationSyntaxReference?.GetSyntax(end.CancellationToken).GetLocation() ?? method.Locations[0];
                    if (call is not null && withServices.IsEmpty)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingFactory, location, method.Name, call, method.ContainingType.Name));
                    }

                    if (!siloHost.IsEmpty && !registered.ContainsKey(method.ContainingType))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingSiloFactory, location, method.Name, method.ContainingType.Name));
                    }
                }
            });
        });

    /// <summary>Whether <paramref name="target"/> is AttrHpo.Orleans' <c>AddAttrHpo</c> extension of Orleans' <c>ISiloBuilder</c>.</summary>
    private static bool IsSiloHost(IMethodSymbol target)
    {
        var method = target.ReducedFrom ?? target;
        return method.Name == "AddAttrHpo" && method.IsExtensionMethod
            && method.ContainingNamespace.ToDisplayString() == KnownNames.RuntimeNamespace
            && method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "ISiloBuilder";
    }

    /// <summary>
    /// The types a service registration of Microsoft.Extensions.DependencyInjection names: its type arguments
    /// (<c>AddSingleton&lt;T&gt;()</c>, or inferred from <c>AddSingleton(instance)</c>) and its <c>typeof</c> arguments.
    /// </summary>
    private static IEnumerable<ITypeSymbol> RegisteredServices(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        if (!(target.Name.StartsWith("Add", StringComparison.Ordinal) || target.Name.StartsWith("TryAdd", StringComparison.Ordinal))
            || !target.ContainingNamespace.ToDisplayString().StartsWith("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal))
        {
            return [];
        }

        return target.TypeArguments.Concat(invocation.Arguments.Select(a => a.Value).OfType<ITypeOfOperation>().Select(t => t.TypeOperand));
    }

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
