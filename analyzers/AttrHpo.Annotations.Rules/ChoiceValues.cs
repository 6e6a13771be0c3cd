using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>The types a choice can have.</summary>
internal enum ChoiceKind
{
    String,
    Boolean,
    Double,
    Single,
    Int32,
    Int64,
    Enum,
}

/// <summary>One choice converted to the parameter's type.</summary>
/// <param name="Key">Text that two choices share exactly when the parameter's type holds them as the same value.</param>
/// <param name="Value">The value as the type holds it: a string, bool, double, float or long, or an enum's member (an <see cref="IFieldSymbol"/>).</param>
internal readonly record struct ChoiceValue(string Key, object Value);

/// <summary>
/// Which values a choice parameter can take: the one conversion that both the rules (does a value convert, are two the
/// same) and the generator (which C# expression to write) use.
/// </summary>
internal static class ChoiceValues
{
    /// <summary>The kind of choice a parameter of <paramref name="type"/> holds; <see langword="null"/> when the runtime cannot search it.</summary>
    public static ChoiceKind? KindOf(ITypeSymbol type) => type.TypeKind == TypeKind.Enum ? ChoiceKind.Enum : type.SpecialType switch
    {
        SpecialType.System_String => ChoiceKind.String,
        SpecialType.System_Boolean => ChoiceKind.Boolean,
        SpecialType.System_Double => ChoiceKind.Double,
        SpecialType.System_Single => ChoiceKind.Single,
        SpecialType.System_Int32 => ChoiceKind.Int32,
        SpecialType.System_Int64 => ChoiceKind.Int64,
        _ => null,
    };

    /// <summary>An enum's members with a value, in declaration order; of aliases (members with the same value), the first only.</summary>
    public static IReadOnlyList<IFieldSymbol> EnumMembers(ITypeSymbol enumType)
    {
        var members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToList();
        return members.Where((m, i) => !members.Take(i).Any(earlier => Equals(earlier.ConstantValue, m.ConstantValue))).ToList();
    }

    /// <summary>
    /// A listed value as <paramref name="type"/> holds it; <see langword="null"/> when it does not convert. Enum members of the
    /// parameter's enum, strings, bools, any finite number for a double, a number within float's range for a float, integral
    /// numbers that fit for an int or a long.
    /// </summary>
    public static ChoiceValue? Convert(ITypeSymbol type, TypedConstant value)
    {
        if (value.IsNull || value.Kind == TypedConstantKind.Error)
        {
            return null;
        }

        var kind = KindOf(type);
        if (kind == ChoiceKind.Enum)
        {
            var member = value.Kind == TypedConstantKind.Enum && SymbolEqualityComparer.Default.Equals(value.Type, type)
                ? EnumMembers(type).FirstOrDefault(f => Equals(f.ConstantValue, value.Value))
                : null;
            return member is null ? null : new ChoiceValue(Text.Value(value.Value), member);
        }

        // An enum member is a choice only for a parameter of that enum.
        return kind is null || value.Kind == TypedConstantKind.Enum ? null : Convert(kind.Value, value.Value);
    }

    /// <summary>The key of a parameter's default value, to compare with the listed choices' keys; <see langword="null"/> when it does not convert.</summary>
    public static string? DefaultKey(ITypeSymbol type, object? value) => KindOf(type) switch
    {
        ChoiceKind.Enum => value is null ? null : Text.Value(value),
        { } kind => Convert(kind, value)?.Key,
        null => null,
    };

    private static ChoiceValue? Convert(ChoiceKind kind, object? value) => kind switch
    {
        ChoiceKind.String when value is string text => new ChoiceValue("s:" + text, text),
        ChoiceKind.Boolean when value is bool flag => new ChoiceValue(Text.Value(flag), flag),
        ChoiceKind.Double when Numbers.TryGetDouble(value, out var real) && Numbers.IsFinite(real) => new ChoiceValue(Text.Number(real), real),
        ChoiceKind.Single when Numbers.TryGetDouble(value, out var real) && Math.Abs(real) <= float.MaxValue => new ChoiceValue(Text.Value((float)real), (float)real),
        ChoiceKind.Int32 when Numbers.IsIntegral(value) && Numbers.TryGetInteger(value, out var whole) && whole >= int.MinValue && whole <= int.MaxValue => new ChoiceValue(Text.Number(whole), whole),
        ChoiceKind.Int64 when Numbers.IsIntegral(value) && Numbers.TryGetInteger(value, out var whole) => new ChoiceValue(Text.Number(whole), whole),
        _ => null,
    };
}
