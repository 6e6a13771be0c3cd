using System.Collections.Immutable;
using AttrHpo.Annotations.Rules;
using AttrHpo.Generators.Emitting;
using AttrHpo.Generators.Model;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Generators.Parsing;

/// <summary>
/// Turns the values of a valid choice into C# expressions and labels. Which values convert, and whether two are the same,
/// is decided by <see cref="ChoiceValues"/> and <see cref="ChoiceRules"/>; <see langword="null"/> only when there is nothing to build from.
/// </summary>
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

        return type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType && ChoiceValues.EnumMembers(enumType) is { Count: > 0 } members
            ? EnumChoices(enumType, members)
            : null;
    }

    /// <summary>The values listed in <c>[Hyperparameter(a, b, c)]</c>.</summary>
    public static ChoiceSpec? Listed(ITypeSymbol type, ImmutableArray<TypedConstant> values)
    {
        var converted = values.Select(v => ChoiceValues.Convert(type, v)).ToList();
        if (converted.Count == 0 || converted.Any(c => c is null) || ChoiceValues.KindOf(type) is not { } kind)
        {
            return null;
        }

        if (kind == ChoiceKind.Enum)
        {
            return EnumChoices((INamedTypeSymbol)type, converted.Select(c => (IFieldSymbol)c!.Value.Value).ToList());
        }

        var written = converted.Select(c => Write(kind, c!.Value.Value)).ToList();
        return written.Any(w => w is null)
            ? null
            : new ChoiceSpec(Json(kind), written.Select(w => w!.Value.Expression).ToEquatableArray(), written.Select(w => w!.Value.Label).ToEquatableArray());
    }

    private static ChoiceSpec EnumChoices(INamedTypeSymbol enumType, IReadOnlyList<IFieldSymbol> members)
    {
        var typeName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new ChoiceSpec(
            ChoiceJson.EnumName,
            members.Select(m => typeName + "." + Identifiers.Escape(m.Name)).ToEquatableArray(),
            members.Select(m => m.Name).ToEquatableArray());
    }

    private static ChoiceJson Json(ChoiceKind kind) => kind switch
    {
        ChoiceKind.String => ChoiceJson.String,
        ChoiceKind.Boolean => ChoiceJson.Boolean,
        ChoiceKind.Double => ChoiceJson.Double,
        ChoiceKind.Single => ChoiceJson.Single,
        ChoiceKind.Int32 => ChoiceJson.Int32,
        ChoiceKind.Int64 => ChoiceJson.Int64,
        _ => ChoiceJson.EnumName,
    };

    /// <summary>A converted value as a C# expression of the parameter's type, and as reports show it.</summary>
    private static (string Expression, string Label)? Write(ChoiceKind kind, object value) => value switch
    {
        string text => (Literals.String(text), text),
        bool flag => (Literals.Boolean(flag), Literals.Boolean(flag)),
        double real => (Literals.Double(real), Literals.Label(real)),
        float single => (Literals.Single(single), Literals.Single(single).TrimEnd('f')),
        long whole when kind == ChoiceKind.Int32 => (Literals.Integer(whole), Literals.Integer(whole)),
        long whole => (Literals.Int64(whole), Literals.Integer(whole)),
        _ => null,
    };
}
