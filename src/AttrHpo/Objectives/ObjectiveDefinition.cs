using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// An objective with typed parameters. The AttrHpo generator derives one per <see cref="ObjectiveAttribute"/> method
/// (the worker shim); hand-written subclasses work the same way.
/// </summary>
/// <typeparam name="TParameters">The typed parameters record.</typeparam>
public abstract partial class ObjectiveDefinition<TParameters> : IRegisteredObjective
    where TParameters : notnull
{
    /// <summary>Initialises the objective's description.</summary>
    /// <param name="id">The stable id, <c>Namespace.Type.Method</c>.</param>
    /// <param name="name">The display name.</param>
    /// <param name="direction">Whether smaller or larger values are better.</param>
    /// <param name="space">The hyperparameters' search space.</param>
    /// <param name="budget">The budget parameter, if any.</param>
    protected ObjectiveDefinition(string id, string name, Direction direction, SearchSpace space, BudgetRange? budget)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(space);
        Id = id;
        Name = name;
        Direction = direction;
        Space = space;
        Budget = budget;
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public Direction Direction { get; }

    /// <inheritdoc />
    public SearchSpace Space { get; }

    /// <inheritdoc />
    public BudgetRange? Budget { get; }

    /// <inheritdoc />
    public virtual bool NeedsAccelerator => false;

    /// <summary>Decodes a point of the unit cube into typed parameters.</summary>
    /// <param name="point">One coordinate per dimension of <see cref="Space"/>.</param>
    public abstract TParameters Decode(ReadOnlySpan<double> point);

    /// <summary>Encodes typed parameters into a point of the unit cube; <c>Decode(Encode(p))</c> equals <c>p</c>.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="point">Receives one coordinate per dimension of <see cref="Space"/>.</param>
    public abstract void Encode(TParameters parameters, Span<double> point);

    /// <summary>Writes the parameters as a JSON object, one property per hyperparameter, named as declared.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="parameters">The parameters.</param>
    public abstract void WriteJson(Utf8JsonWriter writer, TParameters parameters);

    /// <summary>Reads parameters from a JSON object written by <see cref="WriteJson"/>.</summary>
    /// <param name="json">The JSON object.</param>
    /// <exception cref="JsonException">A property is missing, has the wrong kind, or is out of range.</exception>
    public abstract TParameters ReadJson(JsonElement json);

    /// <summary>
    /// Writes the default values of the hyperparameters that have one (the C# default of the method's parameter, as in
    /// <c>int hiddenUnits = 64</c>) as a JSON object in the form of <see cref="WriteJson"/>; by default an empty object. A new
    /// version of a study (<see cref="SpaceChange.NewVersion"/>) takes them as the values of parameters its earlier versions'
    /// trials lack, so that those trials can warm-start it.
    /// </summary>
    /// <param name="writer">The writer.</param>
    public virtual void WriteDefaultJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    /// <summary>Runs the objective method with the given parameters.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="trial">The trial's context, injected where the method takes a <see cref="TrialContext"/>.</param>
    /// <param name="cancellationToken">Injected where the method takes a <see cref="CancellationToken"/>.</param>
    /// <returns>The method's result, widened to <see cref="double"/>.</returns>
    public abstract ValueTask<double> InvokeAsync(TParameters parameters, TrialContext trial, CancellationToken cancellationToken);

    /// <summary>Writes the parameters as a JSON string.</summary>
    /// <param name="parameters">The parameters.</param>
    public string ToJson(TParameters parameters)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer, parameters);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads parameters from a JSON string.</summary>
    /// <param name="json">A JSON object as written by <see cref="ToJson"/>.</param>
    /// <exception cref="JsonException">The JSON is malformed or does not describe parameters of this objective.</exception>
    public TParameters FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return ReadJson(document.RootElement);
    }

    /// <inheritdoc />
    public string DecodeToJson(ReadOnlySpan<double> point) => ToJson(Decode(point));

    /// <inheritdoc />
    public ValueTask<double> InvokeJsonAsync(string parametersJson, TrialContext trial, CancellationToken cancellationToken) =>
        InvokeAsync(FromJson(parametersJson), trial, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Direction}): {Space}";

    /// <summary>Checks that a point has one coordinate per dimension of <see cref="Space"/>.</summary>
    /// <param name="length">The point's length.</param>
    /// <exception cref="ArgumentException">The length is wrong; the message gives both lengths.</exception>
    protected void CheckPoint(int length)
    {
        if (length != Space.Count)
        {
            throw new ArgumentException($"Objective '{Id}' has {Space.Count} dimensions, but the point has {length} coordinates.", nameof(length));
        }
    }
}
