namespace AttrHpo;

/// <summary>Whether a study looks for the smallest or the largest objective value.</summary>
public enum Direction
{
    /// <summary>Smaller values are better (a loss, an error rate).</summary>
    Minimize,

    /// <summary>Larger values are better (an accuracy, a reward).</summary>
    Maximize,
}
