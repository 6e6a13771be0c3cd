namespace AttrHpo;

/// <summary>A study's trials with what plots need to read them: the search space, the direction and a title.</summary>
internal sealed class PlotData
{
    public PlotData(IReadOnlyList<TrialRecord> trials, SearchSpace space, Direction direction, string title)
    {
        Trials = [.. trials.OrderBy(t => t.Number)];
        Space = space;
        Direction = direction;
        Title = title;
        Complete = [.. Trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v) && t.Point.Count == space.Count)];
    }

    public IReadOnlyList<TrialRecord> Trials { get; }

    public SearchSpace Space { get; }

    public Direction Direction { get; }

    public string Title { get; }

    /// <summary>Complete trials with a finite value and a point of the space, by number.</summary>
    public IReadOnlyList<TrialRecord> Complete { get; }

    /// <summary>The complete trials, or a clear error when there are none.</summary>
    public IReadOnlyList<TrialRecord> RequireComplete(string plot) =>
        Complete.Count > 0
            ? Complete
            : throw new InvalidOperationException(
                $"The {plot} plot needs complete trials, and study '{Title}' has none ({Summary()}). " +
                "Run the study (OptimizeAsync) until some trials complete, then plot it.");

    /// <summary>The dimension named <paramref name="name"/> and its index, or a clear error naming the parameters there are.</summary>
    public (Dimension Dimension, int Index) Parameter(string name, string argument)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, argument);
        for (var i = 0; i < Space.Count; i++)
        {
            if (string.Equals(Space.Dimensions[i].Name, name, StringComparison.Ordinal))
            {
                return (Space.Dimensions[i], i);
            }
        }

        var near = Space.Dimensions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        var hint = near is null ? string.Empty : $" Did you mean '{near.Name}'?";
        throw new ArgumentException(
            $"Study '{Title}' has no parameter '{name}'.{hint} Use one of: {string.Join(", ", Space.Dimensions.Select(d => d.Name))}.", argument);
    }

    private string Summary() =>
        Trials.Count == 0
            ? "no trial run yet"
            : (Trials.Count == 1 ? "1 trial: " : $"{Trials.Count} trials: ")
                + string.Join(", ", Trials.GroupBy(t => t.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
}
