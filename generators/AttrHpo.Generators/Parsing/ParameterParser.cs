using System.Collections.Immutable;
using AttrHpo.Annotations.Rules;
using AttrHpo.Generators.Emitting;
using AttrHpo.Generators.Model;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Generators.Parsing;

/// <summary>
/// Turns the parameters of a valid objective (no error from <see cref="AnnotationRules"/>) into <see cref="ParameterSpec"/>s.
/// Decides nothing about validity: <see langword="null"/> only when there is nothing to build from (arguments the compiler rejects).
/// </summary>
internal static class ParameterParser
{
    public static EquatableArray<ParameterSpec>? ParseAll(ImmutableArray<IParameterSymbol> parameters)
    {
        var specs = ImmutableArray.CreateBuilder<ParameterSpec>(parameters.Length);
        foreach (var parameter in parameters)
        {
            var spec = Parse(parameter);
            if (spec is null)
            {
                return null;
            }

            specs.Add(spec);
        }

        return specs.ToImmutable().ToEquatableArray();
    }

    /// <summary>
    /// The parameters of an objective with mistakes, as far as the parameters record needs them: every <c>[Hyperparameter]</c>
    /// parameter (not also a budget) with its declared type. Ranges and choices are left out: nothing is decoded.
    /// </summary>
    public static EquatableArray<ParameterSpec> Shape(ImmutableArray<IParameterSymbol> parameters) =>
        parameters
            .Where(PropertyNames.IsHyperparameter)
            .Select(p => new ParameterSpec(p.Name, ParameterKind.Choice, p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            .ToEquatableArray();

    private static ParameterSpec? Parse(IParameterSymbol parameter)
    {
        var hyperparameter = KnownNames.FindRuntimeAttribute(parameter, KnownNames.HyperparameterAttribute);
        var budget = KnownNames.FindRuntimeAttribute(parameter, KnownNames.BudgetAttribute);
        var type = parameter.Type;
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var name = parameter.Name;
        return (hyperparameter, budget) switch
        {
            ({ } attribute, null) => ParseHyperparameter(name, type, typeName, attribute) is { } spec ? spec with { Default = DefaultValue(parameter) } : null,
            (null, { } attribute) => ParseBudget(name, typeName, ParameterRules.ReadBudget(parameter, attribute)),
            (null, null) when KnownNames.IsTrialContext(type) => new ParameterSpec(name, ParameterKind.TrialContext, typeName),
            (null, null) when KnownNames.IsCancellationToken(type) => new ParameterSpec(name, ParameterKind.CancellationToken, typeName),
            (null, null) when KnownNames.IsAccelerator(type) => new ParameterSpec(name, ParameterKind.Accelerator, typeName),
            (null, null) when KnownNames.IsGpuDevice(type) => new ParameterSpec(name, ParameterKind.Device, typeName),
            _ => null,
        };
    }

    /// <summary>The parameter's C# default value as an expression of its type; <see langword="null"/> when it has none (or a null one).</summary>
    private static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is not { } value)
        {
            return null;
        }

        var type = parameter.Type;
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum })
        {
            return Numbers.TryGetInteger(value, out var member)
                ? $"(({type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({Literals.Integer(member)}))"
                : null;
        }

        return type.SpecialType switch
        {
            SpecialType.System_Double when Numbers.TryGetDouble(value, out var real) => Literals.Double(real),
            SpecialType.System_Single when Numbers.TryGetDouble(value, out var real) => Literals.Single((float)real),
            SpecialType.System_Int32 when Numbers.TryGetInteger(value, out var whole) => Literals.Integer(whole),
            SpecialType.System_Int64 when Numbers.TryGetInteger(value, out var whole) => Literals.Int64(whole),
            SpecialType.System_String when value is string text => Literals.String(text),
            SpecialType.System_Boolean when value is bool flag => Literals.Boolean(flag),
            _ => null,
        };
    }

    private static ParameterSpec? ParseHyperparameter(string name, ITypeSymbol type, string typeName, AttributeData attribute)
    {
        var read = HyperparameterArguments.Read(attribute);
        var choices = read.Form switch
        {
            HyperparameterForm.EveryValue => ChoiceParser.AllValues(type),
            HyperparameterForm.Listed => ChoiceParser.Listed(type, read.Choices),
            _ => null,
        };
        if (choices is not null)
        {
            return new ParameterSpec(name, ParameterKind.Choice, typeName) { Choices = choices };
        }

        return (read.Form, type.SpecialType) switch
        {
            (HyperparameterForm.Range, SpecialType.System_Double or SpecialType.System_Single) => RealRange(name, type, typeName, read),
            (HyperparameterForm.Range, SpecialType.System_Int32 or SpecialType.System_Int64) => IntegerRange(name, type, typeName, read),
            _ => null,
        };
    }

    private static ParameterSpec? RealRange(string name, ITypeSymbol type, string typeName, HyperparameterArguments read)
    {
        if (!Numbers.TryGetDouble(read.Low, out var low) || !Numbers.TryGetDouble(read.High, out var high))
        {
            return null;
        }

        var isSingle = type.SpecialType == SpecialType.System_Single;
        var range = new RangeSpec(Literals.Double(low), Literals.Double(high), read.Step > 0 ? Literals.Double(read.Step) : string.Empty, read.Log, isSingle);
        return new ParameterSpec(name, ParameterKind.Real, typeName) { Range = range };
    }

    private static ParameterSpec? IntegerRange(string name, ITypeSymbol type, string typeName, HyperparameterArguments read)
    {
        if (!Numbers.TryGetInteger(read.Low, out var low) || !Numbers.TryGetInteger(read.High, out var high)
            || !Numbers.TryGetInteger(read.Step == 0 ? 1.0 : read.Step, out var step))
        {
            return null;
        }

        var range = new RangeSpec(Literals.Int64(low), Literals.Int64(high), Literals.Int64(step), read.Log, type.SpecialType == SpecialType.System_Int32);
        return new ParameterSpec(name, ParameterKind.Integer, typeName) { Range = range };
    }

    private static ParameterSpec? ParseBudget(string name, string typeName, BudgetBounds bounds)
    {
        if (!Numbers.TryGetInteger(bounds.Min, out var min) || !Numbers.TryGetInteger(bounds.Max, out var max))
        {
            return null;
        }

        var budget = bounds.IsInt32
            ? new BudgetSpec(Literals.Integer(min), Literals.Integer(max))
            : new BudgetSpec(Literals.Int64(min), Literals.Int64(max));
        return new ParameterSpec(name, ParameterKind.Budget, typeName) { Budget = budget };
    }
}
