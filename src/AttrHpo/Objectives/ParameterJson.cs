using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// Reads hyperparameter values out of a JSON object with errors that name the property and the problem.
/// Used by generated code; no reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code only: kept out of IntelliSense
public static class ParameterJson
{
    /// <summary>Reads a number as <see cref="double"/>.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="name">The property's name.</param>
    public static double GetDouble(JsonElement json, string name)
    {
        var value = Property(json, name, JsonValueKind.Number);
        return value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw Invalid(name, value, "a finite number");
    }

    /// <summary>Reads a number as <see cref="long"/>.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="name">The property's name.</param>
    public static long GetInt64(JsonElement json, string name)
    {
        var value = Property(json, name, JsonValueKind.Number);
        return value.TryGetInt64(out var number) ? number : throw Invalid(name, value, "an integer");
    }

    /// <summary>Reads a number as <see cref="int"/>.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="name">The property's name.</param>
    public static int GetInt32(JsonElement json, string name)
    {
        var value = Property(json, name, JsonValueKind.Number);
        return value.TryGetInt32(out var number) ? number : throw Invalid(name, value, "a 32-bit integer");
    }

    /// <summary>Reads a number as <see cref="float"/>.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="name">The property's name.</param>
    public static float GetSingle(JsonElement json, string name)
    {
        var value = Property(json, name, JsonValueKind.Number);
        return value.TryGetSingle(out var number) && float.IsFinite(number)
            ? number
            : throw Invalid(name, value, "a finite 32-bit number");
    }

    /// <summary>Reads the value of a real range, checking that it is an allowed value.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="dimension">The parameter's dimension; its name is the property's name.</param>
    public static double GetReal(JsonElement json, RealDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        var value = GetDouble(json, dimension.Name);
        return dimension.Contains(value) ? value : throw OutOfRange(dimension.Name, value, dimension);
    }

    /// <summary>Reads the value of a real range of a <c>float</c> parameter, checking that it is an allowed value.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="dimension">The parameter's dimension; its name is the property's name.</param>
    public static float GetSingle(JsonElement json, RealDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        var value = GetSingle(json, dimension.Name);
        return dimension.ContainsSingle(value) ? value : throw OutOfRange(dimension.Name, value, dimension);
    }

    /// <summary>Reads the value of an integer range, checking that it is an allowed value.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="dimension">The parameter's dimension; its name is the property's name.</param>
    public static long GetInteger(JsonElement json, IntegerDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        var value = GetInt64(json, dimension.Name);
        return dimension.Contains(value) ? value : throw OutOfRange(dimension.Name, value, dimension);
    }

    /// <summary>Reads a string.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="name">The property's name.</param>
    public static string GetString(JsonElement json, string name) =>
        Property(json, name, JsonValueKind.String).GetString()!;

    /// <summary>Reads a boolean.</summary>
    /// <param name="json">The parameters object.</param>
    /// <param name="name">The property's name.</param>
    public static bool GetBoolean(JsonElement json, string name)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw NotAnObject(json);
        }

        if (!json.TryGetProperty(name, out var value))
        {
            throw Missing(json, name);
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(name, value, "true or false"),
        };
    }

    /// <summary>The index of <paramref name="value"/> in <paramref name="choices"/>, or a <see cref="JsonException"/> naming the allowed values.</summary>
    /// <typeparam name="T">The choices' type.</typeparam>
    /// <param name="name">The property's name.</param>
    /// <param name="value">The value read.</param>
    /// <param name="choices">The allowed values.</param>
    public static int IndexOfChoice<T>(string name, T value, IReadOnlyList<T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < choices.Count; i++)
        {
            if (comparer.Equals(choices[i], value))
            {
                return i;
            }
        }

        throw new JsonException(
            $"Parameter '{name}': {Describe(value)} is not one of the choices ({string.Join(", ", choices.Select(c => Describe(c)))}).");
    }

    /// <summary>An error for a value outside its range or off its step.</summary>
    /// <param name="name">The property's name.</param>
    /// <param name="value">The value read.</param>
    /// <param name="dimension">The dimension it should belong to.</param>
    public static JsonException OutOfRange(string name, object value, Dimension dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        return new JsonException($"Parameter '{name}': {Describe(value)} is not an allowed value of {dimension}.");
    }

    private static JsonElement Property(JsonElement json, string name, JsonValueKind kind)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw NotAnObject(json);
        }

        if (!json.TryGetProperty(name, out var value))
        {
            throw Missing(json, name);
        }

        return value.ValueKind == kind ? value : throw Invalid(name, value, kind == JsonValueKind.Number ? "a number" : "a string");
    }

    private static JsonException NotAnObject(JsonElement json) =>
        new($"Expected a JSON object of parameters but found {json.ValueKind}.");

    private static JsonException Missing(JsonElement json, string name) =>
        new($"Parameter '{name}' is missing from the JSON object {json.GetRawText()}; add it.");

    private static JsonException Invalid(string name, JsonElement value, string expected) =>
        new($"Parameter '{name}' must be {expected} but is {value.GetRawText()}.");

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
