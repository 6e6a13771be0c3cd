using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AttrHpo;

/// <summary>Adds AttrHpo's study coordinators and trial workers to an Orleans silo.</summary>
public static class AttrHpoSiloBuilderExtensions
{
    /// <summary>
    /// Lets this silo host study coordinator grains and run trials of the registered objectives in
    /// <see cref="AttrHpoSiloOptions.WorkerSlots"/> slots. The silo also needs an <see cref="IStudyStorage"/> shared by every
    /// silo (<c>services.AddAttrHpo(o =&gt; o.UsePostgreSql(...))</c>, or a singleton) and a grain storage named
    /// <see cref="AttrHpoSiloOptions.GrainStorageName"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the objectives and the slots.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddAttrHpo(this ISiloBuilder builder, Action<AttrHpoSiloOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        if (builder.Services.Any(d => d.ServiceType == typeof(AttrHpoSiloOptions)))
        {
            throw new InvalidOperationException("AddAttrHpo has already been called on this silo. Call it once, with every objective in its options.");
        }

        var options = new AttrHpoSiloOptions();
        configure(options);
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(ClusterSamplers.Default);
        builder.Services.AddHostedService<ClusterWorker>();
        return builder;
    }
}
