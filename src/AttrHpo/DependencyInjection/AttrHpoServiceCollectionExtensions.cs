using AttrHpo;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AttrHpo in an application's service container.</summary>
public static class AttrHpoServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons, an <see cref="IStudyStorage"/> at <see cref="AttrHpoOptions.Storage"/> (in memory by default;
    /// the container disposes it, which closes a SQLite file) and an <see cref="IStudyFactory"/> that creates studies on that
    /// storage, logging through the container's <see cref="ILoggerFactory"/> (when it has one, as <c>AddLogging</c> registers)
    /// and reading the container's <see cref="TimeProvider"/> (when it has one), with <see cref="AttrHpoOptions.Study"/>'s defaults.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the storage location and the studies' defaults; defaults when <see langword="null"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// An <see cref="IStudyStorage"/> registered before this call is kept and used instead (a PostgreSQL storage, say).
    /// <paramref name="configure"/> runs once, now; a bad storage location is refused now, not at the first study.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The options cannot work (the message names the property), or AttrHpo is already registered.</exception>
    /// <example>
    /// <code>
    /// services.AddLogging(logging => logging.AddConsole());
    /// services.AddAttrHpo(attrHpo =>
    /// {
    ///     attrHpo.UseSqlite("studies.db"); // package AttrHpo.Sqlite
    ///     attrHpo.Study = new StudyOptions { Seed = 42, TrialTimeout = TimeSpan.FromMinutes(10) };
    /// });
    /// // later: var study = provider.GetRequiredService&lt;IStudyFactory&gt;().Create(Training.TrainAsyncStudy.Objective);
    /// </code>
    /// </example>
    public static IServiceCollection AddAttrHpo(this IServiceCollection services, Action<AttrHpoOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IStudyFactory)))
        {
            throw new InvalidOperationException(
                "AddAttrHpo has already been called on these services. Call it once, and configure the storage and the studies' defaults in that call.");
        }

        var options = new AttrHpoOptions();
        configure?.Invoke(options);
        options.Validate();
        var location = options.Storage;
        var openers = options.StorageOpeners.ToArray();
        var defaults = options.Study;

        // Created by a factory, so that the container owns the storage and disposes it with itself.
        services.TryAddSingleton(_ => StudyStorage.Open(location, openers));
        services.AddSingleton<IStudyFactory>(provider => new StudyFactory(
            provider.GetRequiredService<IStudyStorage>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>(),
            defaults));
        return services;
    }
}
