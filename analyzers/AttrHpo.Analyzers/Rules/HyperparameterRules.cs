using System.Globalization;
using AttrHpo.Annotations.Rules;
using Microsoft.CodeAnalysis;

namespace AttrHpo.Analyzers.Rules;

/// <summary>Sends a <c>[Hyperparameter]</c> to the rules of its form: every value, listed choices, or a range.</summary>
internal static class HyperparameterRules
{
    public static void Check(IParameterSymbol parameter, AttributeData attribute, Reporter report)
    {
        var constructor = attribute.AttributeConstructor;
        if (constructor is null)
        {
            return; // the compiler reports arguments that do not bind
        }

        var arguments = attribute.ConstructorArguments;
        if (constructor.Parameters.Length == 0)
        {
            ChoiceRules.CheckEveryValue(parameter, attribute, report);
        }
        else if (arguments.Length == 1 && arguments[0].Kind == TypedConstantKind.Array)
        {
            ChoiceRules.CheckListed(parameter, attribute, arguments[0].Values, report);
        }
        else if (arguments.Length == 2)
        {
            var log = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Log").Value.Value is true;
            var step = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Step").Value.Value is double s ? s : 0.0;
            if (step == 0 && attribute.NamedArguments.Any(a => a.Key == "Step"))
            {
                // 0 is also what an unset Step reads as; written out, it is a mistake, not "continuous".
                report.At(attribute, Descriptors.InvalidStep, "0", parameter.Name, "it must be positive. Use a positive step, or leave Step out for a continuous range");
                return;
            }

            switch (parameter.Type.SpecialType)
            {
                case SpecialType.System_Double or SpecialType.System_Single:
                    RealRangeRules.Check(parameter, attribute, arguments[0].Value, arguments[1].Value, log, step, report);
                    break;
                case SpecialType.System_Int32 or SpecialType.System_Int64:
                    IntegerRangeRules.Check(parameter, attribute, arguments[0].Value, arguments[1].Value, log, step, report);
                    break;
                default:
                    report.At(attribute, Descriptors.RangeOnUnsupportedType, parameter.Name, parameter.Type.ToDisplayString());
                    break;
            }
        }
    }

    /// <summary>
    /// The parameter's explicit default value as a double, when it has a numeric one. A float is read as the number it is
    /// written as (<c>0.3f</c> as 0.3, not 0.30000001192092896), as the runtime's float values are bounds and grid values cast to float.
    /// </summary>
    public static bool TryGetNumericDefault(IParameterSymbol parameter, out double value)
    {
        value = 0;
        if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is float single)
        {
            value = double.Parse(single.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            return true;
        }

        return parameter.HasExplicitDefaultValue && Numbers.TryGetDouble(parameter.ExplicitDefaultValue, out value);
    }
}
