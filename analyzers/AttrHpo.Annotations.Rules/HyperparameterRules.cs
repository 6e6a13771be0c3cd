using System.Collections.Immutable;
using System.Globalization;
using AttrHpo.Analyzers;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>The forms of <c>[Hyperparameter]</c>.</summary>
internal enum HyperparameterForm
{
    /// <summary>Arguments that do not bind to a constructor: the compiler reports them.</summary>
    Unbound,

    /// <summary><c>[Hyperparameter]</c>: every value of a bool or an enum.</summary>
    EveryValue,

    /// <summary><c>[Hyperparameter(a, b, c)]</c>: the listed values.</summary>
    Listed,

    /// <summary><c>[Hyperparameter(low, high)]</c>, with <c>Log</c> and <c>Step</c>.</summary>
    Range,
}

/// <summary>What a <c>[Hyperparameter]</c> says, read from its arguments once for the rules and the generator.</summary>
/// <param name="Form">Which constructor it uses.</param>
/// <param name="Choices">The listed values, for <see cref="HyperparameterForm.Listed"/>.</param>
/// <param name="Low">The low bound as written, for <see cref="HyperparameterForm.Range"/>.</param>
/// <param name="High">The high bound as written.</param>
/// <param name="Log">Whether <c>Log = true</c> is set.</param>
/// <param name="Step">The step; 0 when unset.</param>
/// <param name="StepWrittenAsZero">Whether <c>Step = 0</c> is written out.</param>
internal sealed record HyperparameterArguments(
    HyperparameterForm Form, ImmutableArray<TypedConstant> Choices, object? Low, object? High, bool Log, double Step, bool StepWrittenAsZero)
{
    public static HyperparameterArguments Read(AttributeData attribute)
    {
        var arguments = attribute.ConstructorArguments;
        var log = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Log").Value.Value is true;
        var step = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Step").Value.Value is double s ? s : 0.0;
        var stepWrittenAsZero = step == 0 && attribute.NamedArguments.Any(a => a.Key == "Step");
        var form = attribute.AttributeConstructor switch
        {
            null => HyperparameterForm.Unbound,
            { Parameters.Length: 0 } => HyperparameterForm.EveryValue,
            _ when arguments.Length == 1 && arguments[0].Kind == TypedConstantKind.Array => HyperparameterForm.Listed,
            _ when arguments.Length == 2 => HyperparameterForm.Range,
            _ => HyperparameterForm.Unbound,
        };
        return new HyperparameterArguments(
            form,
            form == HyperparameterForm.Listed ? arguments[0].Values : ImmutableArray<TypedConstant>.Empty,
            form == HyperparameterForm.Range ? arguments[0].Value : null,
            form == HyperparameterForm.Range ? arguments[1].Value : null,
            log,
            step,
            stepWrittenAsZero);
    }
}

/// <summary>Sends a <c>[Hyperparameter]</c> to the rules of its form: every value, listed choices, or a range.</summary>
internal static class HyperparameterRules
{
    public static IReadOnlyList<Violation> Check(IParameterSymbol parameter, AttributeData attribute)
    {
        var read = HyperparameterArguments.Read(attribute);
        return read.Form switch
        {
            HyperparameterForm.EveryValue => ChoiceRules.CheckEveryValue(parameter),
            HyperparameterForm.Listed => ChoiceRules.CheckListed(parameter, read.Choices),
            HyperparameterForm.Range => CheckRange(parameter, read),
            _ => [], // the compiler reports arguments that do not bind
        };
    }

    /// <summary>
    /// The parameter's explicit default value as a double, when it has a numeric one. A float is read as the number it is
    /// written as (<c>0.3f</c> as 0.3, not 0.30000001192092896), as the runtime's float values are bounds and grid values cast to float.
    /// </summary>
    public static double? NumericDefault(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        if (parameter.ExplicitDefaultValue is float single)
        {
            return double.Parse(single.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return Numbers.TryGetDouble(parameter.ExplicitDefaultValue, out var value) ? value : null;
    }

    private static IReadOnlyList<Violation> CheckRange(IParameterSymbol parameter, HyperparameterArguments read)
    {
        if (read.StepWrittenAsZero)
        {
            return [StepRules.WrittenAsZero(parameter.Name)];
        }

        var type = parameter.Type;
        switch (type.SpecialType)
        {
            case SpecialType.System_Double or SpecialType.System_Single:
                return Numbers.TryGetDouble(read.Low, out var low) && Numbers.TryGetDouble(read.High, out var high)
                    ? RealRangeRules.Check(new RealRange(parameter.Name, type.ToDisplayString(), type.SpecialType == SpecialType.System_Single, low, high, read.Log, read.Step, NumericDefault(parameter)))
                    : [];
            case SpecialType.System_Int32 or SpecialType.System_Int64:
                return IntegerRangeRules.Check(new IntegerRange(parameter.Name, type.ToDisplayString(), type.SpecialType == SpecialType.System_Int32, read.Low, read.High, read.Log, read.Step, NumericDefault(parameter)));
            default:
                return [Violation.Of(Descriptors.RangeOnUnsupportedType, parameter.Name, type.ToDisplayString())];
        }
    }
}
