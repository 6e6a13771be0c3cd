namespace AttrHpo;

/// <summary>How <see cref="StudyPlots"/> draws: the image size, and the forest behind importance and contours.</summary>
public sealed record PlotOptions
{
    /// <summary>The image's width in pixels (SVG user units for SVG); 800 by default.</summary>
    public int Width { get; init; } = 800;

    /// <summary>The image's height in pixels; 600 by default.</summary>
    public int Height { get; init; } = 600;

    /// <summary>How many trees the random forest of <see cref="StudyPlots.GetImportanceAsync"/> and the contour grows; 100 by default.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>The forest's seed: the same trials and seed give the same importances and the same images.</summary>
    public int Seed { get; init; }

    /// <summary>The name plots show in their titles; the study's name when <see langword="null"/>.</summary>
    public string? Title { get; init; }
}
