namespace AttrHpo;

/// <summary>The resource parameter of an objective (see <see cref="BudgetAttribute"/>).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Min">The smallest budget a trial may be given.</param>
/// <param name="Max">The full budget.</param>
public sealed record BudgetRange(string Name, long Min, long Max);
