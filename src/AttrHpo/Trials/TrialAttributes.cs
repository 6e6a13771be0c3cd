using System.Collections.ObjectModel;
using System.Text.Json;

namespace AttrHpo;

/// <summary>The limits on user attributes of a trial (<see cref="TrialContext.SetAttribute(string, string)"/>) and how storage writes them.</summary>
public static class TrialAttributes
{
    /// <summary>The longest key, in characters.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>The longest value, in characters (64 Ki): attributes are for small facts, not for files.</summary>
    public const int MaxValueLength = 64 * 1024;

    /// <summary>No attributes.</summary>
    public static IReadOnlyDictionary<string, string> Empty { get; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Checks a key and value, naming the trial and the fix in the error.</summary>
    internal static void Validate(string key, string value, int trialNumber)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.Length == 0 || string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException($"Trial {trialNumber}: an attribute needs a name; give a non-empty key.", nameof(key));
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"Trial {trialNumber}: the attribute key '{key[..32]}...' has {key.Length} characters; keys have at most {MaxKeyLength}.", nameof(key));
        }

        if (value.Length > MaxValueLength)
        {
            throw new ArgumentException(
                $"Trial {trialNumber}: the value of attribute '{key}' has {value.Length} characters; values have at most {MaxValueLength}. Write large data to a file and record its path.",
                nameof(value));
        }
    }

    /// <summary>An immutable copy, in ordinal key order.</summary>
    internal static IReadOnlyDictionary<string, string> Copy(IEnumerable<KeyValuePair<string, string>>? attributes)
    {
        if (attributes is null)
        {
            return Empty;
        }

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            sorted[key] = value;
        }

        return sorted.Count == 0 ? Empty : new ReadOnlyDictionary<string, string>(sorted);
    }

    /// <summary>The attributes as a JSON object, or <see langword="null"/> when there are none.</summary>
    internal static string? ToJson(IReadOnlyDictionary<string, string> attributes) =>
        attributes.Count == 0 ? null : JsonSerializer.Serialize(attributes, TrialAttributesJson.Default.IReadOnlyDictionaryStringString);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="FormatException">The text is not a JSON object of strings.</exception>
    internal static IReadOnlyDictionary<string, string> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return Empty;
        }

        try
        {
            return Copy(JsonSerializer.Deserialize(json, TrialAttributesJson.Default.IReadOnlyDictionaryStringString));
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Trial attributes '{(json.Length > 80 ? json[..80] + "..." : json)}' are not a JSON object of strings.", exception);
        }
    }
}
