using AttrHpo.Generators.Model;
using AttrHpo.Generators.Parsing;

namespace AttrHpo.Generators.Emitting;

/// <summary>
/// The parts of the worker shim that only an instance objective has: the instance it was bound to, and, for the registered
/// shim a worker process builds by id, the instance the worker's services resolve (<c>TrialContext.Services</c>), else the
/// one its type's <c>[ObjectiveFactory]</c> creates on the first trial.
/// </summary>
internal static class InstanceEmitter
{
    public static void WriteFields(SourceWriter writer, ObjectiveSpec spec)
    {
        var type = spec.QualifiedContainingType;
        writer.Line($"private readonly {type}? _instance;");
        if (spec.Factory is not null)
        {
            writer.Line($"private {type}? _created;");
            writer.Line("private object? _creating;");
        }
    }

    /// <summary>Writes the parameterless constructor the registry calls and the start of the one bound to an instance.</summary>
    public static void WriteConstructors(SourceWriter writer, ObjectiveSpec spec)
    {
        writer.Line("public Shim()");
        writer.Line("    : this(null)");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        writer.Line($"public Shim({spec.QualifiedContainingType}? instance)");
    }

    /// <summary>
    /// Writes <c>Target(trial)</c>: the bound instance, else the one the trial's services resolve (as the container's lifetime
    /// says: a singleton once per worker), else the factory's (made once per shim), else a clear error.
    /// </summary>
    public static void WriteTarget(SourceWriter writer, ObjectiveSpec spec)
    {
        var type = spec.QualifiedContainingType;
        writer.Line($"private {type} Target(global::AttrHpo.TrialContext trial) =>");
        writer.Line($"    _instance ?? trial.Services?.GetService(typeof({type})) as {type}");
        if (spec.Factory is { } factory)
        {
            writer.Line($"    ?? global::System.Threading.LazyInitializer.EnsureInitialized(ref _created, ref _creating, static () => {type}.{Identifiers.Escape(factory)}());");
            return;
        }

        var name = spec.ContainingTypes.Last().Name;
        var message = $"The objective {spec.Id} is an instance method, and this process has no {name} to run it on: a worker process resolves one from its " +
            $"services (WorkerHostOptions.Services) or creates one through a factory. Register {name} in the worker's services, or add " +
            $"[ObjectiveFactory] public static {name} Create() => new(...); to {name}, or run the study in process.";
        writer.Line($"    ?? throw new global::System.InvalidOperationException({Literals.String(message)});");
    }
}
