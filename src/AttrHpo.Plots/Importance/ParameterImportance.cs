namespace AttrHpo;

/// <summary>
/// How much one parameter matters to the objective: its out-of-bag permutation importance on a seeded random forest fitted
/// to the study's complete trials (see <see cref="StudyPlots.GetImportanceAsync"/>).
/// </summary>
/// <param name="Parameter">The parameter's name, as in the search space.</param>
/// <param name="Importance">
/// The parameter's share of the total: its <paramref name="ErrorIncrease"/> (below zero taken as zero) over the sum of all
/// of them, so the shares add up to 1 (all are 0 when no parameter helps the forest predict).
/// </param>
/// <param name="ErrorIncrease">
/// How much the forest's mean squared error on trials it did not see grows when this parameter's values are shuffled among
/// them, in the objective's units squared; near zero (or slightly below) for a parameter that does not matter.
/// </param>
public sealed record ParameterImportance(string Parameter, double Importance, double ErrorIncrease);
