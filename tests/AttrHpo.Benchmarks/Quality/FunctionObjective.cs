using System.Text.Json;

namespace AttrHpo.Benchmarks;

/// <summary>A <see cref="BenchmarkFunction"/> as a study's objective: its parameters are the decoded values.</summary>
internal sealed class FunctionObjective(BenchmarkFunction function)
    : ObjectiveDefinition<double[]>($"AttrHpo.Benchmarks.Quality.{function.Name}", function.Name, Direction.Minimize, function.Space, budget: null)
{
    public BenchmarkFunction Function { get; } = function;

    /// <summary>How long each evaluation pretends to train, so that trials run in parallel overlap as real ones do.</summary>
    public TimeSpan Delay { get; init; }

    public override double[] Decode(ReadOnlySpan<double> point)
    {
        CheckPoint(point.Length);
        return Function.Decode(point);
    }

    public override void Encode(double[] parameters, Span<double> point)
    {
        CheckPoint(point.Length);
        Function.Encode(parameters).CopyTo(point);
    }

    public override void WriteJson(Utf8JsonWriter writer, double[] parameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(parameters);
        writer.WriteStartObject();
        for (var i = 0; i < parameters.Length; i++)
        {
            writer.WriteNumber(Space.Dimensions[i].Name, parameters[i]);
        }

        writer.WriteEndObject();
    }

    public override double[] ReadJson(JsonElement json) => [.. Space.Dimensions.Select(d => json.GetProperty(d.Name).GetDouble())];

    public override async ValueTask<double> InvokeAsync(double[] parameters, TrialContext trial, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
        }

        return Function.Evaluate(parameters);
    }
}
