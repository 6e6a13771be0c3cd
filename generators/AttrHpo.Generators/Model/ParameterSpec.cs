namespace AttrHpo.Generators.Model;

/// <summary>What a parameter of an objective method is for.</summary>
internal enum ParameterKind
{
    /// <summary>A real range (<c>double</c> or <c>float</c>).</summary>
    Real,

    /// <summary>An integer range (<c>int</c> or <c>long</c>).</summary>
    Integer,

    /// <summary>A choice among listed values, or every value of a bool or enum.</summary>
    Choice,

    /// <summary>The resource a scheduler hands out (<see cref="ParameterSpec.Budget"/>).</summary>
    Budget,

    /// <summary>The injected <c>TrialContext</c>.</summary>
    TrialContext,

    /// <summary>The injected <c>CancellationToken</c>.</summary>
    CancellationToken,

    /// <summary>The injected <c>ILGPU.Runtime.Accelerator</c>: the device the trial leased.</summary>
    Accelerator,

    /// <summary>The injected <c>AttrHpo.GpuDevice</c>: the GPU the trial leased, for any GPU library.</summary>
    Device,
}

/// <summary>How a choice's values are written in JSON.</summary>
internal enum ChoiceJson
{
    String,
    Double,
    Single,
    Int32,
    Int64,
    Boolean,

    /// <summary>An enum: written as the member's name.</summary>
    EnumName,
}

/// <summary>One parameter of an objective method.</summary>
/// <param name="Name">The parameter's name as declared (also its JSON property and dimension name).</param>
/// <param name="Kind">What the parameter is for.</param>
/// <param name="TypeName">The parameter's type, fully qualified (<c>double</c>, <c>global::Ns.Activation</c>).</param>
internal sealed record ParameterSpec(string Name, ParameterKind Kind, string TypeName)
{
    /// <summary>The record property's name: the parameter's name with its first letter in upper case.</summary>
    public string PropertyName => AttrHpo.Annotations.Rules.PropertyNames.Of(Name);

    /// <summary>The range, for <see cref="ParameterKind.Real"/> and <see cref="ParameterKind.Integer"/>.</summary>
    public RangeSpec? Range { get; init; }

    /// <summary>The choices, for <see cref="ParameterKind.Choice"/>.</summary>
    public ChoiceSpec? Choices { get; init; }

    /// <summary>The budget's full value as a C# literal, for <see cref="ParameterKind.Budget"/>.</summary>
    public BudgetSpec? Budget { get; init; }

    /// <summary>
    /// The parameter's C# default value as an expression of its type (<c>int hiddenUnits = 64</c> gives <c>64</c>), for a
    /// hyperparameter that declares one; <see langword="null"/> otherwise.
    /// </summary>
    public string? Default { get; init; }

    /// <summary>Whether the parameter is searched (a dimension of the space and a property of the record).</summary>
    public bool IsHyperparameter => Kind is ParameterKind.Real or ParameterKind.Integer or ParameterKind.Choice;
}

/// <summary>A range's bounds and options as C# literals, written once by the parser so that they round-trip exactly.</summary>
/// <param name="Low">The low bound literal.</param>
/// <param name="High">The high bound literal.</param>
/// <param name="Step">The step literal, or empty for a continuous real range.</param>
/// <param name="Log">Whether the range is log-scaled.</param>
/// <param name="IsSingle">Whether the parameter is a <c>float</c> (real) or an <c>int</c> (integer) rather than the 64-bit type.</param>
internal sealed record RangeSpec(string Low, string High, string Step, bool Log, bool IsSingle);

/// <summary>A choice's values.</summary>
/// <param name="Json">How the values are written in JSON.</param>
/// <param name="Values">Each value as a C# expression of the parameter's type.</param>
/// <param name="Labels">Each value as written in reports (and, for enums, in JSON).</param>
internal sealed record ChoiceSpec(ChoiceJson Json, EquatableArray<string> Values, EquatableArray<string> Labels);

/// <summary>A budget's bounds as C# literals of the parameter's type.</summary>
/// <param name="Min">The smallest budget.</param>
/// <param name="Max">The full budget.</param>
internal sealed record BudgetSpec(string Min, string Max);
