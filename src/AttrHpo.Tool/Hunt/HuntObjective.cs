using System.Globalization;
using System.Text.Json;

namespace AttrHpo.Tool.Hunt;

/// <summary>
/// A program as an objective: its priors are the search space (the fidelity, if any, is the budget), its parameters are one
/// value per dimension (a <see cref="double"/>, a <see cref="long"/> or a choice's label), and a trial runs the program
/// (<see cref="TrialProcess"/>) and reads its result. A study of it is a study like any other: every sampler, pruning rule,
/// promotion and storage works on it.
/// </summary>
internal sealed class HuntObjective : ObjectiveDefinition<IReadOnlyList<object>>
{
    /// <summary>The objective id of every hunt without a fidelity; one with a fidelity adds it, so that a changed fidelity is refused.</summary>
    public const string IdPrefix = "attrhpo.hunt";

    private readonly TrialProcess _process;

    public HuntObjective(HuntCommandLine command, Direction direction, TrialProcess process)
        : base(IdOf(command), "hunt", direction, new SearchSpace([.. command.Dimensions.Select(p => p.Dimension!)]), command.Fidelity?.Fidelity)
    {
        _process = process;
    }

    /// <summary>Whether each trial leases a GPU (<c>--gpu</c>): the GPU executor then gives every trial a device of its own.</summary>
    public bool Gpu { get; init; }

    /// <inheritdoc />
    public override bool NeedsAccelerator => Gpu;

    /// <summary>The objective's id: <see cref="IdPrefix"/>, with the fidelity's name and range when there is one.</summary>
    public static string IdOf(HuntCommandLine command) => command.Fidelity?.Fidelity is { } budget
        ? string.Create(CultureInfo.InvariantCulture, $"{IdPrefix} fidelity {budget.Name} [{budget.Min}, {budget.Max}]")
        : IdPrefix;

    public override IReadOnlyList<object> Decode(ReadOnlySpan<double> point)
    {
        CheckPoint(point.Length);
        var values = new object[point.Length];
        for (var i = 0; i < point.Length; i++)
        {
            values[i] = Space.Dimensions[i] switch
            {
                RealDimension real => real.Decode(point[i]),
                IntegerDimension integer => integer.Decode(point[i]),
                CategoricalDimension choice => choice.Labels[choice.Decode(point[i])],
                var other => throw new InvalidOperationException($"A hunt has no dimension like {other}."),
            };
        }

        return values;
    }

    public override void Encode(IReadOnlyList<object> parameters, Span<double> point)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckPoint(point.Length);
        for (var i = 0; i < point.Length; i++)
        {
            point[i] = Space.Dimensions[i] switch
            {
                RealDimension real => real.Encode((double)parameters[i]),
                IntegerDimension integer => integer.Encode((long)parameters[i]),
                CategoricalDimension choice => choice.Encode(choice.IndexOf((string)parameters[i])),
                var other => throw new InvalidOperationException($"A hunt has no dimension like {other}."),
            };
        }
    }

    public override void WriteJson(Utf8JsonWriter writer, IReadOnlyList<object> parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parameters);
        writer.WriteStartObject();
        for (var i = 0; i < Space.Count; i++)
        {
            var name = Space.Dimensions[i].Name;
            switch (parameters[i])
            {
                case double real:
                    writer.WriteNumber(name, real);
                    break;
                case long integer:
                    writer.WriteNumber(name, integer);
                    break;
                case var label:
                    writer.WriteString(name, (string)label);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    public override IReadOnlyList<object> ReadJson(JsonElement json) =>
    [
        .. Space.Dimensions.Select<Dimension, object>(dimension => dimension switch
        {
            RealDimension real => ParameterJson.GetReal(json, real),
            IntegerDimension integer => ParameterJson.GetInteger(json, integer),
            CategoricalDimension choice => choice.Labels[ParameterJson.IndexOfChoice(choice.Name, ParameterJson.GetString(json, choice.Name), choice.Labels)],
            var other => throw new JsonException($"A hunt has no dimension like {other}."),
        }),
    ];

    public override ValueTask<double> InvokeAsync(IReadOnlyList<object> parameters, TrialContext trial, CancellationToken cancellationToken) =>
        _process.RunAsync(parameters, ToJson(parameters), trial, cancellationToken);
}
