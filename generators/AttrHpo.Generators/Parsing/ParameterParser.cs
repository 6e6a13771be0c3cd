using AttrHpo.Annotations.Rules;
using System.Collections.Immutable;
using AttrHpo.Generators.Emitting;
using AttrHpo.Generators.Model;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Generators.Parsing;

/// <summary>Turns an objective's parameters into <see cref="ParameterSpec"/>s; <see langword="null"/> when any is invalid.</summary>
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

        return specs.Count(s => s.Kind == ParameterKind.Budget) > 1 || specs.Count(s => s.Kind == ParameterKind.Accelerator) > 1
            ? null
            : specs.ToImmutable().ToEquatableArray();
    }

    /// <summary>
    /// The parameters of an objective with mistakes, as far as the parameters record needs them: every <c>[Hyperparameter]</c>
    /// parameter (not also a budget) with its declared type. Ranges and choices are left out: nothing is decoded.
    /// </summary>
    public static EquatableArray<ParameterSpec> Shape(ImmutableArray<IParameterSymbol> parameters) =>
        parameters
            .Where(p => Find(p, KnownNames.HyperparameterAttribute) is not null && Find(p, KnownNames.BudgetAttribute) is null)
            .Select(p => new ParameterSpec(p.Name, ParameterKind.Choice, p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            .ToEquatableArray();

    private static ParameterSpec? Parse(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None || parameter.IsParams)
        {
            return null;
        }

        var hyperparameter = Find(parameter, KnownNames.HyperparameterAttribute);
        var budget = Find(parameter, KnownNames.BudgetAttribute);
        var type = parameter.Type;
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var name = parameter.Name;
        return (hyperparameter, budget) switch
        {
            ({ } attribute, null) => ParseHyperparameter(name, type, typeName, attribute) is { } spec ? spec with { Default = DefaultValue(parameter) } : null,
            (null, { } attribute) => ParseBudget(name, type, typeName, attribute),
            (null, null) when KnownNames.IsTrialContext(type) => new ParameterSpec(name, ParameterKind.TrialContext, typeName),
            (null, null) when KnownNames.IsCancellationToken(type) => new ParameterSpec(name, ParameterKind.CancellationToken, typeName),
            (null, null) when KnownNames.IsAccelerator(type) => new ParameterSpec(name, ParameterKind.Accelerator, typeName),
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

    private static AttributeData? Find(IParameterSymbol parameter, string metadataName) =>
        parameter.GetAttributes().FirstOrDefault(a => KnownNames.IsRuntimeAttribute(a, metadataName));

    private static ParameterSpec? ParseHyperparameter(string name, ITypeSymbol type, string typeName, AttributeData attribute)
    {
        var constructor = attribute.AttributeConstructor;
        if (constructor is null)
        {
            return null;
        }

        var arguments = attribute.ConstructorArguments;
        if (constructor.Parameters.Length == 0)
        {
            var all = ChoiceParser.AllValues(type);
            return all is null ? null : new ParameterSpec(name, ParameterKind.Choice, typeName) { Choices = all };
        }

        if (constructor.Parameters.Length == 1 && arguments.Length == 1 && arguments[0].Kind == TypedConstantKind.Array)
        {
            var listed = ChoiceParser.Listed(type, arguments[0].Values);
            return listed is null ? null : new ParameterSpec(name, ParameterKind.Choice, typeName) { Choices = listed };
        }

        if (constructor.Parameters.Length != 2 || arguments.Length != 2)
        {
            return null;
        }

        var log = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Log").Value.Value is true;
        var step = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Step").Value.Value is double s ? s : 0.0;
        return type.SpecialType switch
        {
            SpecialType.System_Double or SpecialType.System_Single => RealRange(name, type, typeName, arguments[0].Value, arguments[1].Value, log, step),
            SpecialType.System_Int32 or SpecialType.System_Int64 => IntegerRange(name, type, typeName, arguments[0].Value, arguments[1].Value, log, step),
            _ => null,
        };
    }

    private static ParameterSpec? RealRange(string name, ITypeSymbol type, string typeName, object? lowValue, object? highValue, bool log, double step)
    {
        if (!Numbers.TryGetDouble(lowValue, out var low) || !Numbers.TryGetDouble(highValue, out var high))
        {
            return null;
        }

        var isSingle = type.SpecialType == SpecialType.System_Single;
        var valid = Numbers.IsFinite(low) && Numbers.IsFinite(high) && low < high && (!log || low > 0) && step >= 0 && Numbers.IsFinite(step)
            && (step == 0 || ((high - low) / step < 4e18 && step <= (high - low) * (1 + 1e-9)))
            && (!isSingle || (Math.Abs(low) <= float.MaxValue && Math.Abs(high) <= float.MaxValue && (float)low < (float)high));
        if (!valid)
        {
            return null;
        }

        var range = new RangeSpec(Literals.Double(low), Literals.Double(high), step > 0 ? Literals.Double(step) : string.Empty, log, isSingle);
        return new ParameterSpec(name, ParameterKind.Real, typeName) { Range = range };
    }

    private static ParameterSpec? IntegerRange(string name, ITypeSymbol type, string typeName, object? lowValue, object? highValue, bool log, double step)
    {
        var isInt32 = type.SpecialType == SpecialType.System_Int32;
        if (!Numbers.TryGetInteger(lowValue, out var low) || !Numbers.TryGetInteger(highValue, out var high)
            || !Numbers.TryGetInteger(step == 0 ? 1.0 : step, out var integerStep))
        {
            return null;
        }

        var valid = low < high && (!log || low >= 1) && integerStep >= 1 && (decimal)integerStep <= (decimal)high - low
            && (!isInt32 || (low >= int.MinValue && high <= int.MaxValue));
        if (!valid)
        {
            return null;
        }

        var range = new RangeSpec(Literals.Int64(low), Literals.Int64(high), Literals.Int64(integerStep), log, isInt32);
        return new ParameterSpec(name, ParameterKind.Integer, typeName) { Range = range };
    }

    private static ParameterSpec? ParseBudget(string name, ITypeSymbol type, string typeName, AttributeData attribute)
    {
        var arguments = attribute.ConstructorArguments;
        if (arguments.Length != 2 || !Numbers.TryGetInteger(arguments[0].Value, out var min) || !Numbers.TryGetInteger(arguments[1].Value, out var max))
        {
            return null;
        }

        var isInt32 = type.SpecialType == SpecialType.System_Int32;
        if (!(isInt32 || type.SpecialType == SpecialType.System_Int64) || min < 1 || min >= max || (isInt32 && max > int.MaxValue))
        {
            return null;
        }

        var budget = isInt32
            ? new BudgetSpec(Literals.Integer(min), Literals.Integer(max))
            : new BudgetSpec(Literals.Int64(min), Literals.Int64(max));
        return new ParameterSpec(name, ParameterKind.Budget, typeName) { Budget = budget };
    }
}
