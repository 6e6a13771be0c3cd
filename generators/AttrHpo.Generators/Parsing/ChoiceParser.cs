using AttrHpo.Annotations.Rules;
using System.Collections.Immutable;
using AttrHpo.Generators.Emitting;
using AttrHpo.Generators.Model;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Generators.Parsing;

/// <summary>Turns the values of a choice into C# expressions and labels; <see langword="null"/> when a value does not fit the parameter's type.</summary>
internal static class ChoiceParser
{
    /// <summary>Every value of a bool or an enum (enum members in declaration order, aliases of one value once).</summary>
    public static ChoiceSpec? AllValues(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            var both = ImmutableArray.Create("false", "true").ToEquatableArray();
            return new ChoiceSpec(ChoiceJson.Boolean, both, both);
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            return null;
        }

        var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
        var distinct = members.Where((m, i) => !members.Take(i).Any(earlier => Equals(earlier.ConstantValue, m.ConstantValue))).ToList();
        return distinct.Count == 0 ? null : EnumChoices(enumType, distinct);
    }

    /// <summary>The values listed in <c>[Hyperparameter(a, b, c)]</c>.</summary>
    public static ChoiceSpec? Listed(ITypeSymbol type, ImmutableArray<TypedConstant> values)
    {
        if (values.IsDefaultOrEmpty || values.Any(v => v.IsNull || v.Kind == TypedConstantKind.Error))
        {
            return null;
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            var fields = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
            var chosen = new List<IFieldSymbol>();
            foreach (var value in values)
            {
                var field = fields.FirstOrDefault(f => Equals(f.ConstantValue, value.Value));
                if (value.Kind != TypedConstantKind.Enum || !SymbolEqualityComparer.Default.Equals(value.Type, enumType) || field is null)
                {
                    return null;
                }

                chosen.Add(field);
            }

            return Distinct(EnumChoices(enumType, chosen));
        }

        var json = JsonKind(type);
        if (json is null)
        {
            return null;
        }

        var expressions = ImmutableArray.CreateBuilder<string>();
        var labels = ImmutableArray.CreateBuilder<string>();
        foreach (var value in values)
        {
            if (!TryConvert(json.Value, value, out var expression, out var label))
            {
                return null;
            }

            expressions.Add(expression);
            labels.Add(label);
        }

        return Distinct(new ChoiceSpec(json.Value, expressions.ToImmutable().ToEquatableArray(), labels.ToImmutable().ToEquatableArray()));
    }

    private static ChoiceSpec EnumChoices(INamedTypeSymbol enumType, IReadOnlyList<IFieldSymbol> members)
    {
        var typeName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new ChoiceSpec(
            ChoiceJson.EnumName,
            members.Select(m => typeName + "." + Identifiers.Escape(m.Name)).ToEquatableArray(),
            members.Select(m => m.Name).ToEquatableArray());
    }

    /// <summary>The choice unchanged, or <see langword="null"/> when two values are the same.</summary>
    private static ChoiceSpec? Distinct(ChoiceSpec choice) =>
        choice.Labels.Distinct(StringComparer.Ordinal).Count() == choice.Labels.Count ? choice : null;

    private static ChoiceJson? JsonKind(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_String => ChoiceJson.String,
        SpecialType.System_Boolean => ChoiceJson.Boolean,
        SpecialType.System_Double => ChoiceJson.Double,
        SpecialType.System_Single => ChoiceJson.Single,
        SpecialType.System_Int32 => ChoiceJson.Int32,
        SpecialType.System_Int64 => ChoiceJson.Int64,
        _ => null,
    };

    private static bool TryConvert(ChoiceJson json, TypedConstant value, out string expression, out string label)
    {
        (expression, label) = (string.Empty, string.Empty);
        if (value.Kind == TypedConstantKind.Enum)
        {
            return false; // an enum member is a choice only for a parameter of that enum
        }

        switch (json)
        {
            case ChoiceJson.String when value.Value is string text:
                (expression, label) = (Literals.String(text), text);
                return true;
            case ChoiceJson.Boolean when value.Value is bool flag:
                (expression, label) = (Literals.Boolean(flag), Literals.Boolean(flag));
                return true;
            case ChoiceJson.Double when Numbers.TryGetDouble(value.Value, out var real) && Numbers.IsFinite(real):
                (expression, label) = (Literals.Double(real), Literals.Label(real));
                return true;
            case ChoiceJson.Single when Numbers.TryGetDouble(value.Value, out var real) && Math.Abs(real) <= float.MaxValue:
                expression = Literals.Single((float)real);
                label = expression.Substring(0, expression.Length - 1);
                return true;
            case ChoiceJson.Int32 when Numbers.IsIntegral(value.Value) && Numbers.TryGetInteger(value.Value, out var whole) && whole >= int.MinValue && whole <= int.MaxValue:
                (expression, label) = (Literals.Integer(whole), Literals.Integer(whole));
                return true;
            case ChoiceJson.Int64 when Numbers.IsIntegral(value.Value) && Numbers.TryGetInteger(value.Value, out var whole):
                (expression, label) = (Literals.Int64(whole), Literals.Integer(whole));
                return true;
            default:
                return false;
        }
    }
}
