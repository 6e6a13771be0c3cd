using System.Text.Json;

namespace AttrHpo.Tests.Support;

/// <summary>
/// An objective over any search space, shaped like the generator's shim: its parameters are a map from each dimension's name
/// to its value (a <see cref="double"/> for a real range, a <see cref="long"/> for an integer range, the label for a choice),
/// written as a JSON object and read back with the generated code's checks (range, step, choices). Its value is the sum of
/// the numbers plus each choice's index, so that every trial's value is known from its parameters. Defaults, when given, are
/// what the C# defaults of a method's parameters would be.
/// </summary>
public sealed class SpaceObjective(IReadOnlyList<Dimension> dimensions, IReadOnlyDictionary<string, object>? defaults = null)
    : ObjectiveDefinition<IReadOnlyDictionary<string, object>>("Tests.SpaceObjective", "Space", Direction.Minimize, new SearchSpace(dimensions), budget: null)
{
    /// <summary>The parameters' value: the sum of the numbers and the choices' indices.</summary>
    public double ValueOf(IReadOnlyDictionary<string, object> parameters) =>
        Space.Dimensions.Sum(d => parameters[d.Name] switch
        {
            double real => real,
            long integer => integer,
            string label => ((CategoricalDimension)d).IndexOf(label),
            var other => throw new InvalidOperationException($"{d.Name} is {other}"),
        });

    /// <summary>Parameters from name and value pairs, in the space's order.</summary>
    public static IReadOnlyDictionary<string, object> Values(params (string Name, object Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    public override IReadOnlyDictionary<string, object> Decode(ReadOnlySpan<double> point)
    {
        CheckPoint(point.Length);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < point.Length; i++)
        {
            var dimension = Space.Dimensions[i];
            values[dimension.Name] = dimension switch
            {
                RealDimension real => real.Decode(point[i]),
                IntegerDimension integer => integer.Decode(point[i]),
                CategoricalDimension choice => choice.Labels[choice.Decode(point[i])],
                _ => throw new InvalidOperationException(dimension.ToString()),
            };
        }

        return values;
    }

    public override void Encode(IReadOnlyDictionary<string, object> parameters, Span<double> point)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckPoint(point.Length);
        for (var i = 0; i < point.Length; i++)
        {
            var dimension = Space.Dimensions[i];
            point[i] = dimension switch
            {
                RealDimension real => real.Encode((double)parameters[dimension.Name]),
                IntegerDimension integer => integer.Encode((long)parameters[dimension.Name]),
                CategoricalDimension choice => choice.Encode(choice.IndexOf((string)parameters[dimension.Name])),
                _ => throw new InvalidOperationException(dimension.ToString()),
            };
        }
    }

    public override void WriteJson(Utf8JsonWriter writer, IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parameters);
        writer.WriteStartObject();
        foreach (var dimension in Space.Dimensions)
        {
            WriteValue(writer, dimension.Name, parameters[dimension.Name]);
        }

        writer.WriteEndObject();
    }

    public override IReadOnlyDictionary<string, object> ReadJson(JsonElement json)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var dimension in Space.Dimensions)
        {
            values[dimension.Name] = dimension switch
            {
                RealDimension real => ParameterJson.GetReal(json, real),
                IntegerDimension integer => ParameterJson.GetInteger(json, integer),
                CategoricalDimension choice => choice.Labels[ParameterJson.IndexOfChoice(choice.Name, ParameterJson.GetString(json, choice.Name), choice.Labels)],
                _ => throw new InvalidOperationException(dimension.ToString()),
            };
        }

        return values;
    }

    public override void WriteDefaultJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var (name, value) in defaults ?? new Dictionary<string, object>())
        {
            WriteValue(writer, name, value);
        }

        writer.WriteEndObject();
    }

    public override ValueTask<double> InvokeAsync(IReadOnlyDictionary<string, object> parameters, TrialContext trial, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ValueOf(parameters));

    private static void WriteValue(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case double real:
                writer.WriteNumber(name, real);
                break;
            case long integer:
                writer.WriteNumber(name, integer);
                break;
            default:
                writer.WriteString(name, (string)value);
                break;
        }
    }
}
