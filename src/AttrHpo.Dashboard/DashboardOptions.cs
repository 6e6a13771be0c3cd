namespace AttrHpo;

/// <summary>Where <see cref="StudyDashboard"/> listens and how often its pages look for new trials.</summary>
public sealed record DashboardOptions
{
    /// <summary>
    /// The address to listen on: <c>http://127.0.0.1:0</c> by default (loopback only, a free port; <see cref="StudyDashboard.Address"/>
    /// says which). Give <c>http://0.0.0.0:8080</c> to reach it from other machines: it has no sign-in, so do that only on a
    /// network you trust, or behind a proxy that authenticates.
    /// </summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>How often an open page asks whether its study changed; 2 seconds by default.</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Size and seed of the plots; <see cref="PlotOptions"/>' defaults when <see langword="null"/>.</summary>
    public PlotOptions? Plots { get; init; }
}
