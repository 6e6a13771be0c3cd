using System.Reflection;

namespace AttrHpo;

/// <summary>
/// An immutable lookup of objectives by their stable id. A process that loads an assembly builds one with
/// <see cref="FromAssembly"/> and can then run any of its trials from the id and the parameters' JSON alone.
/// Only registered objectives can be run: nothing is loaded by a name taken from a message.
/// </summary>
public sealed class ObjectiveRegistry
{
    private readonly Dictionary<string, IRegisteredObjective> _byId;

    /// <summary>Creates a registry of the given objectives.</summary>
    /// <param name="objectives">The objectives; ids must be unique.</param>
    /// <exception cref="ArgumentException">Two objectives share an id.</exception>
    public ObjectiveRegistry(IEnumerable<IRegisteredObjective> objectives)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        _byId = new Dictionary<string, IRegisteredObjective>(StringComparer.Ordinal);
        foreach (var objective in objectives)
        {
            if (!_byId.TryAdd(objective.Id, objective))
            {
                throw new ArgumentException($"Two objectives have the id '{objective.Id}'; rename one of the methods.", nameof(objectives));
            }
        }
    }

    /// <summary>The registered objectives, ordered by id.</summary>
    public IReadOnlyList<IRegisteredObjective> Objectives => [.. _byId.Values.OrderBy(o => o.Id, StringComparer.Ordinal)];

    /// <summary>Builds a registry of every objective the AttrHpo generator registered in <paramref name="assembly"/>.</summary>
    /// <param name="assembly">An assembly compiled with the AttrHpo generator.</param>
    public static ObjectiveRegistry FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var objectives = assembly.GetCustomAttributes<RegisteredObjectiveAttribute>()
            .Select(a => Activator.CreateInstance(a.ObjectiveType, nonPublic: true) as IRegisteredObjective
                ?? throw new InvalidOperationException($"{a.ObjectiveType} is registered as an objective but does not implement {nameof(IRegisteredObjective)}."));
        return new ObjectiveRegistry(objectives);
    }

    /// <summary>The objective with the given id.</summary>
    /// <param name="id">The stable id, <c>Namespace.Type.Method</c>.</param>
    /// <exception cref="KeyNotFoundException">No objective has that id; the message lists those that exist.</exception>
    public IRegisteredObjective Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var objective)
            ? objective
            : throw new KeyNotFoundException(
                $"No objective is registered with the id '{id}'. Registered: {(_byId.Count == 0 ? "none" : string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal)))}.");
    }

    /// <summary>Looks an objective up by id.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="objective">The objective, when found.</param>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IRegisteredObjective? objective) =>
        _byId.TryGetValue(id, out objective);
}
