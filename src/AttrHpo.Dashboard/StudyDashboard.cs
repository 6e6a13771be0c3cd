using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttrHpo;

/// <summary>
/// A live web dashboard over a storage: a page listing its studies, and a page per study with the report's summary, plots and
/// trial table (<see cref="StudyPlots.ReportAsync"/>), which updates itself while the study runs, in this process or any other.
/// It only reads the storage. <c>await using var dashboard = await StudyDashboard.StartAsync(storage);</c> then open
/// <see cref="Address"/>.
/// </summary>
public sealed class StudyDashboard : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StudyDashboard(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The dashboard's address, its port resolved: <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts serving the studies of <paramref name="storage"/>.</summary>
    /// <param name="storage">Any storage: memory (a study of this process), SQLite, PostgreSQL.</param>
    /// <param name="options">Address, refresh and plot options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <exception cref="IOException">The address is taken or cannot be listened on (the message names it).</exception>
    public static async Task<StudyDashboard> StartAsync(IStudyStorage storage, DashboardOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        options ??= new DashboardOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Refresh, TimeSpan.FromMilliseconds(100), nameof(options));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url);
        var app = builder.Build();
        new DashboardEndpoints(storage, options).Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"The dashboard started but reports no address for '{options.Url}'.");
        return new StudyDashboard(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>Stops serving; open pages stop updating.</summary>
    /// <param name="cancellationToken">Ends the graceful stop early.</param>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Stops serving and releases the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
