using System.Collections.Immutable;
using AttrHpo.Analyzers;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>Rules about choices: <c>[Hyperparameter]</c> on a bool or enum, and <c>[Hyperparameter(a, b, c)]</c>.</summary>
internal static class ChoiceRules
{
    public static IReadOnlyList<Violation> CheckEveryValue(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return [];
        }

        if (type.TypeKind != TypeKind.Enum)
        {
            return [Violation.Of(Descriptors.BareOnUnsupportedType, parameter.Name, type.ToDisplayString())];
        }

        return ChoiceValues.EnumMembers(type).Count == 0 ? [Violation.Of(Descriptors.EnumWithoutMembers, type.ToDisplayString(), parameter.Name)] : [];
    }

    public static IReadOnlyList<Violation> CheckListed(IParameterSymbol parameter, ImmutableArray<TypedConstant> values)
    {
        var type = parameter.Type;
        if (ChoiceValues.KindOf(type) is null)
        {
            return [Violation.Of(Descriptors.UnsearchableType, parameter.Name, type.ToDisplayString())];
        }

        if (values.IsDefaultOrEmpty)
        {
            return [Violation.Of(Descriptors.NoChoices, parameter.Name)];
        }

        var found = new List<Violation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            if (ChoiceValues.Convert(type, values[i]) is not { } converted)
            {
                found.Add(Violation.AtArgument(i, values.Length, Descriptors.ChoiceDoesNotConvert, Display(values[i]), parameter.Name, type.ToDisplayString()));
            }
            else if (!seen.Add(converted.Key))
            {
                found.Add(Violation.AtArgument(i, values.Length, Descriptors.DuplicateChoice, parameter.Name, Display(values[i])));
            }
        }

        if (parameter.HasExplicitDefaultValue && seen.Count == values.Length
            && !seen.Contains(ChoiceValues.DefaultKey(type, parameter.ExplicitDefaultValue) ?? string.Empty))
        {
            var choices = string.Join(", ", values.Select(Display));
            found.Add(Violation.Of(Descriptors.DefaultOutsideSpace, DisplayDefault(parameter), parameter.Name, "one of " + choices) with { Site = ViolationSite.Symbol });
        }

        return found;
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
}
