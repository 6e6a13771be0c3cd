using Microsoft.CodeAnalysis;

namespace AttrHpo.Annotations.Rules;

/// <summary>
/// The parameters record's property names: each hyperparameter's name with its first letter in upper case. Finds the
/// names that would not compile: two parameters that differ only in that letter, or a name the record already has.
/// </summary>
internal static class PropertyNames
{
    /// <summary>Members every record has, which a property cannot be named after.</summary>
    private static readonly string[] RecordMembers =
        ["EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "Finalize"];

    public static string Of(string parameterName) =>
        parameterName.Length == 0 ? parameterName : char.ToUpperInvariant(parameterName[0]) + parameterName.Substring(1);

    /// <summary>The first hyperparameter whose property name is taken, with why; <see langword="null"/> when all are free.</summary>
    public static (string Parameter, string Property, string Reason)? FindCollision(IMethodSymbol method)
    {
        var record = method.Name + "Parameters";
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in method.Parameters.Where(IsHyperparameter))
        {
            var property = Of(parameter.Name);
            if (property == record)
            {
                return (parameter.Name, property, "is the record's own name");
            }

            if (RecordMembers.Contains(property))
            {
                return (parameter.Name, property, "every record already has");
            }

            if (seen.TryGetValue(property, out var other))
            {
                return (parameter.Name, property, $"the hyperparameter '{other}' becomes too");
            }

            seen.Add(property, parameter.Name);
        }

        return null;
    }

    /// <summary>Whether the parameter becomes a property of the record: it is marked [Hyperparameter] and not also [Budget].</summary>
    public static bool IsHyperparameter(IParameterSymbol parameter) =>
        KnownNames.FindRuntimeAttribute(parameter, KnownNames.HyperparameterAttribute) is not null
        && KnownNames.FindRuntimeAttribute(parameter, KnownNames.BudgetAttribute) is null;
}
