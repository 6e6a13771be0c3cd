using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// An objective seen without its parameters' type: enough for a worker process or a cluster node to run
/// a trial from the objective's id and its parameters as JSON.
/// </summary>
public interface IRegisteredObjective
{
    /// <summary>The stable id, <c>Namespace.Type.Method</c> (nested types joined by dots).</summary>
    string Id { get; }

    /// <summary>The display name (the method's name unless <see cref="ObjectiveAttribute.Name"/> was set).</summary>
    string Name { get; }

    /// <summary>Whether smaller or larger values are better.</summary>
    Direction Direction { get; }

    /// <summary>The hyperparameters' search space.</summary>
    SearchSpace Space { get; }

    /// <summary>The budget parameter, if the objective has one.</summary>
    BudgetRange? Budget { get; }

    /// <summary>
    /// Whether each trial runs on a leased device (the method takes an <c>ILGPU.Runtime.Accelerator</c> or a <see cref="GpuDevice"/>,
    /// or declares <see cref="ObjectiveAttribute.Gpu"/>): a <c>GpuExecutor</c> (package AttrHpo.Gpu) then gives it a device slot
    /// rather than a CPU slot.
    /// </summary>
    bool NeedsAccelerator => false;

    /// <summary>Decodes a point of the unit cube and writes the parameters as a JSON object.</summary>
    /// <param name="point">One coordinate per dimension of <see cref="Space"/>.</param>
    string DecodeToJson(ReadOnlySpan<double> point);

    /// <summary>Reads parameters from a JSON object and runs the objective with them.</summary>
    /// <param name="parametersJson">A JSON object as written by <see cref="DecodeToJson"/>.</param>
    /// <param name="trial">The trial's context.</param>
    /// <param name="cancellationToken">Cancels the trial.</param>
    /// <returns>The objective's value.</returns>
    /// <exception cref="JsonException">The JSON does not describe parameters of this objective; the message names the offending property.</exception>
    ValueTask<double> InvokeJsonAsync(string parametersJson, TrialContext trial, CancellationToken cancellationToken);
}
