using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Tool.Optuna;

/// <summary>
/// AttrHpo's dimensions as Optuna's distributions (<c>distribution_json</c> as <c>optuna.distributions.distribution_to_json</c>
/// writes it) and back: a real range is a FloatDistribution, an integer range an IntDistribution, a choice a
/// CategoricalDistribution whose choices keep their JSON type (numbers, booleans or strings).
/// </summary>
internal static class OptunaDistributions
{
    /// <summary>
    /// The <c>distribution_json</c> of <paramref name="dimension"/>, with <paramref name="choices"/> the JSON of a choice's labels.
    /// Optuna has no log-scaled range with a step: such a range is written without its step, and <paramref name="note"/> says so.
    /// </summary>
    public static string Json(Dimension dimension, IReadOnlyList<string>? choices, out string? note)
    {
        note = null;
        switch (dimension)
        {
            case RealDimension real:
                if (real.Log && real.Step > 0)
                {
                    note = $"'{real.Name}' is log-scaled with a step, which Optuna has not got; it is written as a log-scaled FloatDistribution without the step.";
                }

                var step = real.Step > 0 && !real.Log ? OptunaSchema.JsonNumber(real.Step) : "null";
                return $"{{\"name\": \"FloatDistribution\", \"attributes\": {{\"step\": {step}, \"low\": {OptunaSchema.JsonNumber(real.Low)}, " +
                    $"\"high\": {OptunaSchema.JsonNumber(real.High)}, \"log\": {Bool(real.Log)}}}}}";
            case IntegerDimension integer:
                if (integer.Log && integer.Step != 1)
                {
                    note = $"'{integer.Name}' is log-scaled with a step, which Optuna has not got; it is written as a log-scaled IntDistribution with step 1.";
                }

                return $"{{\"name\": \"IntDistribution\", \"attributes\": {{\"log\": {Bool(integer.Log)}, \"step\": {Integer(integer.Log ? 1 : integer.Step)}, " +
                    $"\"low\": {Integer(integer.Low)}, \"high\": {Integer(integer.High)}}}}}";
            case CategoricalDimension choice:
                return $"{{\"name\": \"CategoricalDistribution\", \"attributes\": {{\"choices\": [{string.Join(", ", choices ?? [.. choice.Labels.Select(OptunaSchema.JsonString)])}]}}}}";
            default:
                throw new OptunaException($"The parameter '{dimension.Name}' is a {dimension.GetType().Name}, which Optuna has no distribution for.");
        }
    }

    /// <summary>
    /// The JSON of each label of <paramref name="choice"/>, typed as the trials' parameters JSON holds its values: numbers and
    /// booleans stay numbers and booleans in Optuna; anything else is a string.
    /// </summary>
    public static IReadOnlyList<string> Choices(CategoricalDimension choice, JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number when choice.Labels.All(IsNumber) => choice.Labels,
        JsonValueKind.True or JsonValueKind.False when choice.Labels.All(l => l is "true" or "false") => choice.Labels,
        _ => [.. choice.Labels.Select(OptunaSchema.JsonString)],
    };

    /// <summary>
    /// The dimension a <c>distribution_json</c> describes, and for a choice the JSON of each choice (Optuna's choices may be
    /// strings, numbers, booleans or null; the dimension's labels are a string's text and any other choice's JSON).
    /// </summary>
    public static (Dimension Dimension, IReadOnlyList<string>? Choices) Read(string name, string json, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var kind = document.RootElement.GetProperty("name").GetString();
            var a = document.RootElement.GetProperty("attributes");
            switch (kind)
            {
                case "FloatDistribution":
                    return (new RealDimension(name, Real(a, "low"), Real(a, "high"), Flag(a, "log"), a.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0), null);
                case "UniformDistribution":
                    return (new RealDimension(name, Real(a, "low"), Real(a, "high")), null);
                case "LogUniformDistribution":
                    return (new RealDimension(name, Real(a, "low"), Real(a, "high"), log: true), null);
                case "DiscreteUniformDistribution":
                    return (new RealDimension(name, Real(a, "low"), Real(a, "high"), step: Real(a, "q")), null);
                case "IntDistribution" or "IntUniformDistribution" or "IntLogUniformDistribution":
                    var log = kind == "IntLogUniformDistribution" || Flag(a, "log");
                    var step = a.TryGetProperty("step", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : 1;
                    return (new IntegerDimension(name, a.GetProperty("low").GetInt64(), a.GetProperty("high").GetInt64(), log, log ? 1 : step), null);
                case "CategoricalDistribution":
                    var choices = a.GetProperty("choices").EnumerateArray().Select(c => c.GetRawText()).ToList();
                    var labels = a.GetProperty("choices").EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : c.GetRawText()).ToList();
                    var twice = labels.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                    if (twice is not null)
                    {
                        throw new OptunaException($"The parameter '{name}' ({where}) has two choices that both read '{twice.Key}' as AttrHpo labels (a string and a number or boolean); AttrHpo cannot tell them apart.");
                    }

                    return (new CategoricalDimension(name, labels), choices);
                default:
                    throw new OptunaException($"The parameter '{name}' ({where}) has the distribution {kind}, which AttrHpo has no dimension for.");
            }
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new OptunaException($"The parameter '{name}' ({where}) has a distribution AttrHpo cannot use: {exception.Message} (distribution_json {json})");
        }
    }

    /// <summary>The unit-cube coordinate of Optuna's internal <paramref name="value"/> (a choice's index for a choice).</summary>
    public static double Point(Dimension dimension, double value) => dimension switch
    {
        RealDimension real => real.Encode(value),
        IntegerDimension integer => integer.Encode((long)Math.Round(value)),
        CategoricalDimension choice => choice.Encode((int)value),
        _ => throw new OptunaException($"The parameter '{dimension.Name}' has no unit-cube coordinate."),
    };

    private static bool IsNumber(string label)
    {
        try
        {
            using var document = JsonDocument.Parse(label);
            return document.RootElement.ValueKind == JsonValueKind.Number;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static double Real(JsonElement attributes, string name) => attributes.GetProperty(name).GetDouble();

    private static bool Flag(JsonElement attributes, string name) => attributes.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
