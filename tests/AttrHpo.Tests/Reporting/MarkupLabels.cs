namespace AttrHpo.Tests.Reporting;

/// <summary>An objective whose choices look like Spectre.Console markup: a display that parsed them would style text or throw.</summary>
public static partial class MarkupLabels
{
    [Objective(Direction.Minimize)]
    public static double Score([Hyperparameter("[red]alert", "[/]")] string label, [Hyperparameter(1, 3)] int size) => size;
}
