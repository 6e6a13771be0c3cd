using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers;

/// <summary>
/// Every AttrHpo diagnostic: id, title, message and severity together. Errors where the generator cannot emit working
/// code (it then emits only the objective's shape, so that user code still compiles and these errors are what the build
/// shows), warnings where it can. docs/diagnostics.md explains each with an example and the fix.
/// Compiled into both the generator and the analyzers (see AttrHpo.Annotations.Rules.projitems); it keeps the namespace
/// <c>AttrHpo.Analyzers</c>, the home of the diagnostics that tests and code fixes name.
/// </summary>
internal static class Descriptors
{
    /// <summary>Where each diagnostic's help link points: a section of docs/diagnostics.md named by the lower-case id.</summary>
    public const string HelpBase = "https://github.com/attrhpo/attrhpo/blob/main/docs/diagnostics.md#";

    private const string Range = "AttrHpo.Range";
    private const string Choice = "AttrHpo.Choice";
    private const string Parameter = "AttrHpo.Parameter";
    private const string Objective = "AttrHpo.Objective";
    private const string Budget = "AttrHpo.Budget";
    private const string Factory = "AttrHpo.Factory";

    public static readonly DiagnosticDescriptor EmptyRange = Error(
        "AHPO001", Range, "A range's low bound must be below its high bound",
        "The range [{0}, {1}] of '{2}' is empty: low must be smaller than high. Swap the bounds or correct them.");

    public static readonly DiagnosticDescriptor LogRangeNotPositive = Error(
        "AHPO002", Range, "A log-scaled range needs a positive low bound",
        "'{0}' is log-scaled, but its low bound {1} is not positive. Raise the low bound above 0 or remove Log = true.");

    public static readonly DiagnosticDescriptor InvalidStep = Error(
        "AHPO003", Range, "A step must be positive and leave a searchable number of values",
        "The step {0} of '{1}' is invalid: {2}.");

    public static readonly DiagnosticDescriptor StepMissesHighBound = Warning(
        "AHPO004", Range, "The step does not reach the high bound",
        "The step {0} of '{1}' does not divide {3} - {2}: the largest reachable value is {4}, not {3}. Set the high bound to {4}.");

    public static readonly DiagnosticDescriptor BoundDoesNotFitType = Error(
        "AHPO005", Range, "A bound or step does not fit the parameter's type",
        "'{0}' is {1}, but {2}. Use values that {1} can hold exactly.");

    public static readonly DiagnosticDescriptor RangeOnUnsupportedType = Error(
        "AHPO006", Range, "A range needs a numeric parameter",
        "A range needs a double, float, int or long parameter, but '{0}' is {1}. Change its type, or list the choices instead.");

    public static readonly DiagnosticDescriptor NoChoices = Error(
        "AHPO010", Choice, "A choice needs at least one value",
        "'{0}' lists no choices. List at least one value.");

    public static readonly DiagnosticDescriptor DuplicateChoice = Error(
        "AHPO011", Choice, "A choice is listed twice",
        "'{0}' lists the choice {1} more than once. Remove the duplicate.");

    public static readonly DiagnosticDescriptor ChoiceDoesNotConvert = Error(
        "AHPO012", Choice, "A choice is not a value of the parameter's type",
        "The choice {0} cannot be a value of '{1}', which is {2}. List values of type {2}.");

    public static readonly DiagnosticDescriptor BareOnUnsupportedType = Error(
        "AHPO013", Choice, "[Hyperparameter] without arguments needs a bool or an enum",
        "[Hyperparameter] without arguments takes every value of a bool or an enum, but '{0}' is {1}. Give a range or list the choices.");

    public static readonly DiagnosticDescriptor EnumWithoutMembers = Error(
        "AHPO014", Choice, "The enum has no members to choose from",
        "The enum {0} has no members, so '{1}' has nothing to choose. Add members to the enum, or change the parameter's type.");

    public static readonly DiagnosticDescriptor NotSuppliable = Error(
        "AHPO020", Parameter, "An objective's parameter must be a hyperparameter, a budget, or injectable",
        "'{0}' is neither a hyperparameter, a budget, a TrialContext, a CancellationToken, a GpuDevice nor an ILGPU Accelerator, so a study cannot supply it. Add [Hyperparameter(...)] or [Budget(...)], or remove the parameter.");

    public static readonly DiagnosticDescriptor MultipleAccelerators = Error(
        "AHPO025", Parameter, "An objective takes at most one Accelerator and one GpuDevice",
        "The objective '{0}' has more than one {1} parameter. Keep one: a trial leases one device.");

    public static readonly DiagnosticDescriptor UnsearchableType = Error(
        "AHPO021", Parameter, "The runtime cannot search a hyperparameter of this type",
        "'{0}' is {1}, which the runtime cannot search. Use double, float, int, long, string, bool or an enum.");

    public static readonly DiagnosticDescriptor ByReference = Error(
        "AHPO022", Parameter, "An objective's parameter must be passed by value",
        "'{0}' is a ref, out, in or params parameter. Objective parameters must be plain values.");

    public static readonly DiagnosticDescriptor HyperparameterAndBudget = Error(
        "AHPO023", Parameter, "A parameter cannot be both a hyperparameter and the budget",
        "'{0}' is marked both [Hyperparameter] and [Budget]. Keep one.");

    public static readonly DiagnosticDescriptor AnnotationWithoutObjective = Warning(
        "AHPO024", Parameter, "The attribute has no effect on a method that is not an objective",
        "[{0}] on '{1}' has no effect because '{2}' is not marked [Objective]. Add [Objective] to the method or remove the attribute.");

    public static readonly DiagnosticDescriptor UnsupportedReturn = Error(
        "AHPO030", Objective, "An objective must return a number",
        "The objective '{0}' returns {1}. Return double, float, int or long, or a Task<T> or ValueTask<T> of one.");

    public static readonly DiagnosticDescriptor GenericObjective = Error(
        "AHPO031", Objective, "An objective cannot be generic",
        "The objective '{0}' is generic. Remove its type parameters; a study needs one concrete method.");

    public static readonly DiagnosticDescriptor ObjectiveNotStatic = Error(
        "AHPO032", Objective, "An instance objective must be in a class",
        "The objective '{0}' is an instance method of the {1} '{2}'. Make it static, or move it to a partial class: a study would run every trial on a copy of the {1}.");

    public static readonly DiagnosticDescriptor NotAccessible = Error(
        "AHPO033", Objective, "The objective is not accessible from generated code",
        "The objective '{0}' cannot be reached from generated code because {1} is {2}. Make it public or internal.");

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "AHPO034", Objective, "The type holding an objective must be partial",
        "The type '{0}' must be partial so that the generator can add {1}Parameters and {1}Study to it. Add the partial modifier.");

    public static readonly DiagnosticDescriptor UnsupportedContainingType = Error(
        "AHPO035", Objective, "An objective must be in a non-generic class or struct",
        "'{0}' cannot hold an objective because it is {1}. Move the method to a non-generic class or struct.");

    public static readonly DiagnosticDescriptor IdCollision = Error(
        "AHPO036", Objective, "Two objectives share a stable id",
        "Two objectives share the stable id '{0}'. Rename one of the '{1}' methods.");

    public static readonly DiagnosticDescriptor GeneratedNameTaken = Error(
        "AHPO037", Objective, "A name the generator needs is taken",
        "'{0}' already has a member named '{1}', which the generator adds for this objective. Rename that member or the method.");

    public static readonly DiagnosticDescriptor NotAnOrdinaryMethod = Error(
        "AHPO038", Objective, "An objective must be an ordinary method of a class or struct",
        "'{0}' is {1}, which cannot be an objective. Put [Objective] on a static method declared in a class or struct.");

    public static readonly DiagnosticDescriptor PropertyNameCollision = Error(
        "AHPO039", Objective, "Two hyperparameters would get the same property name",
        "The hyperparameter '{0}' becomes the property '{1}' of {2}, which {3}. Rename the parameter.");

    public static readonly DiagnosticDescriptor MultipleBudgets = Error(
        "AHPO040", Budget, "An objective has at most one budget",
        "The objective '{0}' has more than one [Budget] parameter. Keep one: a scheduler hands out one resource.");

    public static readonly DiagnosticDescriptor InvalidBudget = Error(
        "AHPO041", Budget, "A budget needs 1 <= min < max",
        "The budget [{0}, {1}] of '{2}' is invalid: min must be at least 1 and smaller than max{3}. Correct the bounds, e.g. [Budget(1, 100)].");

    public static readonly DiagnosticDescriptor BudgetNotInteger = Error(
        "AHPO042", Budget, "A budget must be an int or a long",
        "A budget is a count, but '{0}' is {1}. Make it int or long.");

    public static readonly DiagnosticDescriptor DefaultOutsideSpace = Warning(
        "AHPO050", Range, "A default value is not a value of the search space",
        "The default value {0} of '{1}' is not a value of its search space ({2}). Change the default or the search space.");

    public static readonly DiagnosticDescriptor InvalidFactory = Error(
        "AHPO060", Factory, "An objective factory must be a static parameterless method returning its type",
        "The objective factory '{0}' {2}. Declare it as [ObjectiveFactory] public static {1} {0}() => new(...);");

    public static readonly DiagnosticDescriptor MultipleFactories = Error(
        "AHPO061", Factory, "A type has at most one objective factory",
        "'{0}' has more than one [ObjectiveFactory] method. Keep one: every instance objective of the type runs on the instance it returns.");

    public static readonly DiagnosticDescriptor FactoryWithoutInstanceObjective = Warning(
        "AHPO062", Factory, "The objective factory has no instance objective to serve",
        "[ObjectiveFactory] on '{0}' has no effect because '{1}' has no instance method marked [Objective]. Remove the attribute or add an instance objective.");

    /// <summary>Reported once the whole compilation is seen (whether it calls WorkerHost), hence the CompilationEnd tag.</summary>
    public static readonly DiagnosticDescriptor MissingFactory = new(
        "AHPO063",
        "An instance objective needs a factory in a program that hosts worker processes",
        "The objective '{0}' is an instance method, and this program hosts worker processes (it calls {1}), which cannot create a '{2}' to run it on. Add [ObjectiveFactory] public static {2} Create() => new(...); to '{2}', or pass the worker's services (new WorkerHostOptions {{ Services = ... }}) with '{2}' registered.",
        Factory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "ahpo063",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>Reported once the whole compilation is seen (whether it hosts silo workers and registers the type).</summary>
    public static readonly DiagnosticDescriptor MissingSiloFactory = new(
        "AHPO064",
        "An instance objective needs a factory or a service in a program that runs trials on Orleans silos",
        "The objective '{0}' is an instance method, and this program runs trials on Orleans silos (it calls AddAttrHpo on a silo builder), whose workers cannot create a '{1}' to run it on. Add [ObjectiveFactory] public static {1} Create() => new(...); to '{1}', or register '{1}' in the silo's services (siloBuilder.Services.AddSingleton<{1}>(...)).",
        Factory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "ahpo064",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The descriptors the generator reports itself: with them nothing can be emitted, so no analyzer would run.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> ReportedByGenerator { get; } = [NotAccessible, UnsupportedContainingType, NotPartial, IdCollision, GeneratedNameTaken, PropertyNameCollision];

    /// <summary>The generator-reported descriptor with the given id.</summary>
    public static DiagnosticDescriptor ById(string id) => ReportedByGenerator.First(d => d.Id == id);

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        Create(id, category, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string category, string title, string message) =>
        Create(id, category, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string category, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
