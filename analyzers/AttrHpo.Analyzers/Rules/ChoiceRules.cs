using System.Collections.Immutable;
using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Rules;

/// <summary>Rules about choices: <c>[Hyperparameter]</c> on a bool or enum, and <c>[Hyperparameter(a, b, c)]</c>.</summary>
internal static class ChoiceRules
{
    public static void CheckEveryValue(IParameterSymbol parameter, AttributeData attribute, Reporter report)
    {
        if (parameter.Type.SpecialType == SpecialType.System_Boolean)
        {
            return;
        }

        if (parameter.Type.TypeKind != TypeKind.Enum)
        {
            report.At(attribute, Descriptors.BareOnUnsupportedType, parameter.Name, parameter.Type.ToDisplayString());
        }
        else if (!parameter.Type.GetMembers().OfType<IFieldSymbol>().Any(f => f.HasConstantValue))
        {
            report.At(attribute, Descriptors.EnumWithoutMembers, parameter.Type.ToDisplayString(), parameter.Name);
        }
    }

    public static void CheckListed(IParameterSymbol parameter, AttributeData attribute, ImmutableArray<TypedConstant> values, Reporter report)
    {
        var type = parameter.Type;
        var isEnum = type.TypeKind == TypeKind.Enum;
        if (!isEnum && type.SpecialType is not (SpecialType.System_String or SpecialType.System_Boolean or SpecialType.System_Double
            or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64))
        {
            report.At(attribute, Descriptors.UnsearchableType, parameter.Name, type.ToDisplayString());
            return;
        }

        if (values.IsDefaultOrEmpty)
        {
            report.At(attribute, Descriptors.NoChoices, parameter.Name);
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            var key = Key(type, value);
            if (key is null)
            {
                report.AtArgument(attribute, i, values.Length, Descriptors.ChoiceDoesNotConvert, Display(value), parameter.Name, type.ToDisplayString());
            }
            else if (!seen.Add(key))
            {
                report.AtArgument(attribute, i, values.Length, Descriptors.DuplicateChoice, parameter.Name, Display(value));
            }
        }

        if (parameter.HasExplicitDefaultValue && seen.Count == values.Length
            && !values.Any(v => Key(type, v) == Key(type, parameter.ExplicitDefaultValue, isEnum ? type : null)))
        {
            var choices = string.Join(", ", values.Select(Display));
            report.At(parameter, Descriptors.DefaultOutsideSpace, DisplayDefault(parameter), parameter.Name, "one of " + choices);
        }
    }

    /// <summary>A listed value as messages show it: an enum value by name (<c>Demo.Kernel.Rbf</c>), not by its underlying number.</summary>
    private static string Display(TypedConstant value) =>
        value.Kind == TypedConstantKind.Enum && value.Type is not null ? EnumText(value.Type, value.Value) : Text.Value(value.Value);

    /// <summary>The parameter's default value as messages show it: for an enum parameter by name, not by its underlying number.</summary>
    private static string DisplayDefault(IParameterSymbol parameter) =>
        parameter.Type.TypeKind == TypeKind.Enum && parameter.ExplicitDefaultValue is not null
            ? EnumText(parameter.Type, parameter.ExplicitDefaultValue)
            : Text.Value(parameter.ExplicitDefaultValue);

    /// <summary><c>Demo.Kernel.Rbf</c> for a member, <c>(Demo.Kernel)3</c> for a value that no member has.</summary>
    private static string EnumText(ITypeSymbol enumType, object? value)
    {
        var member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
        var type = enumType.ToDisplayString();
        return member is null ? $"({type}){Text.Value(value)}" : type + "." + member.Name;
    }

    /// <summary>
    /// The value as the parameter's type holds it, as text for comparing choices; <see langword="null"/> when it does not convert.
    /// Mirrors what the generator accepts: enum members of the parameter's enum, strings, bools, any number for reals, integral numbers for integers.
    /// </summary>
    private static string? Key(ITypeSymbol type, TypedConstant value)
    {
        if (value.IsNull || value.Kind == TypedConstantKind.Error)
        {
            return null;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            var isMember = value.Kind == TypedConstantKind.Enum
                && SymbolEqualityComparer.Default.Equals(value.Type, type)
                && type.GetMembers().OfType<IFieldSymbol>().Any(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));
            return isMember ? Text.Value(value.Value) : null;
        }

        return value.Kind == TypedConstantKind.Enum ? null : Key(type, value.Value, null);
    }

    private static string? Key(ITypeSymbol type, object? value, ITypeSymbol? enumType)
    {
        if (enumType is not null)
        {
            return value is null ? null : Text.Value(value);
        }

        return type.SpecialType switch
        {
            SpecialType.System_String => value is string s ? "s:" + s : null,
            SpecialType.System_Boolean => value is bool b ? Text.Value(b) : null,
            SpecialType.System_Double => Numbers.TryGetDouble(value, out var d) && Numbers.IsFinite(d) ? Text.Number(d) : null,
            SpecialType.System_Single => Numbers.TryGetDouble(value, out var f) && Math.Abs(f) <= float.MaxValue ? Text.Value((float)f) : null,
            SpecialType.System_Int32 => Numbers.IsIntegral(value) && Numbers.TryGetInteger(value, out var i) && i >= int.MinValue && i <= int.MaxValue ? Text.Number(i) : null,
            SpecialType.System_Int64 => Numbers.IsIntegral(value) && Numbers.TryGetInteger(value, out var l) ? Text.Number(l) : null,
            _ => null,
        };
    }
}
