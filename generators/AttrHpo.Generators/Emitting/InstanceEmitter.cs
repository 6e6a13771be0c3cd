using AttrHpo.Generators.Model;
using AttrHpo.Generators.Parsing;

namespace AttrHpo.Generators.Emitting;

/// <summary>
/// The parts of the worker shim that only an instance objective has: the instance it was bound to, and, for the registered
/// shim a worker process builds by id, the instance its type's <c>[ObjectiveFactory]</c> creates on the first trial.
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

    /// <summary>Writes <c>Target()</c>: the bound instance, else the factory's (made once per shim), else a clear error.</summary>
    public static void WriteTarget(SourceWriter writer, ObjectiveSpec spec)
    {
        var type = spec.QualifiedContainingType;
        if (spec.Factory is { } factory)
        {
            writer.Line($"private {type} Target() =>");
            writer.Line($"    _instance ?? global::System.Threading.LazyInitializer.EnsureInitialized(ref _created, ref _creating, static () => {type}.{Identifiers.Escape(factory)}());");
            return;
        }

        var name = spec.ContainingTypes.Last().Name;
        var message = $"The objective {spec.Id} is an instance method, and this process has no {name} to run it on: a worker process creates one through a factory. " +
            $"Add [ObjectiveFactory] public static {name} Create() => new(...); to {name}, or run the study in process.";
        writer.Line($"private {type} Target() =>");
        writer.Line($"    _instance ?? throw new global::System.InvalidOperationException({Literals.String(message)});");
    }
}
