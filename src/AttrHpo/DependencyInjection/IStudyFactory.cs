namespace AttrHpo;

/// <summary>
/// Creates studies with the application's defaults: the container's <see cref="IStudyStorage"/>, its
/// <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/> and <see cref="TimeProvider"/> (when it has them), and the
/// <see cref="AttrHpoOptions.Study"/> given to <c>services.AddAttrHpo(...)</c>. Inject it where studies are run.
/// </summary>
/// <example>
/// <code>
/// public sealed class Tuner(IStudyFactory studies)
/// {
///     public Task&lt;StudyResult&lt;Training.TrainAsyncParameters&gt;&gt; RunAsync(CancellationToken cancellationToken) =>
///         studies.Create(Training.TrainAsyncStudy.Objective, o => o with { Name = "nightly" })
///             .OptimizeAsync(trials: 200, parallelism: 8, cancellationToken: cancellationToken);
/// }
/// </code>
/// </example>
public interface IStudyFactory
{
    /// <summary>
    /// The options every study starts from: <see cref="StudyOptions.Storage"/> is the container's storage, and
    /// <see cref="StudyOptions.LoggerFactory"/> and <see cref="StudyOptions.TimeProvider"/> are the container's unless
    /// <see cref="AttrHpoOptions.Study"/> sets them. Give them to a generated <c>MethodStudy.Create(...)</c> to create a study that way.
    /// </summary>
    StudyOptions Options { get; }

    /// <summary>Creates a study of <paramref name="objective"/> (usually the generated <c>MethodStudy.Objective</c>) from <see cref="Options"/>.</summary>
    /// <typeparam name="TParameters">The objective's parameters record.</typeparam>
    /// <param name="objective">The objective.</param>
    /// <param name="configure">
    /// Changes to <see cref="Options"/> for this study, for example <c>o =&gt; o with { Name = "run-2", Seed = 3 }</c>; none when
    /// <see langword="null"/>. Studies of one objective share a name, so share their trials in the storage, unless named apart.
    /// </param>
    /// <returns>A study; run it with <c>OptimizeAsync</c> or <c>OptimizeWithConsoleAsync</c>.</returns>
    Study<TParameters> Create<TParameters>(ObjectiveDefinition<TParameters> objective, Func<StudyOptions, StudyOptions>? configure = null)
        where TParameters : notnull;
}
