namespace AttrHpo;

/// <summary>Creates studies. Generated code calls <see cref="Create{TParameters}"/> from <c>MethodStudy.Create(...)</c>.</summary>
public static class Study
{
    /// <summary>Creates a study of an objective.</summary>
    /// <typeparam name="TParameters">The objective's parameters record.</typeparam>
    /// <param name="objective">The objective (usually the generated <c>MethodStudy.Objective</c>).</param>
    /// <param name="options">How the study runs; defaults when <see langword="null"/>.</param>
    public static Study<TParameters> Create<TParameters>(ObjectiveDefinition<TParameters> objective, StudyOptions? options = null)
        where TParameters : notnull =>
        new(objective, options ?? new StudyOptions());
}
