namespace AttrHpo;

/// <summary>
/// Another worker (in this process or another) already promoted the same trial to the next rung of a promotion schedule, so
/// this promotion was not recorded; the scheduler picks something else. Nothing recorded is lost.
/// </summary>
public sealed class PromotionTakenException : StudyStorageException
{
    /// <summary>Creates the exception.</summary>
    public PromotionTakenException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public PromotionTakenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public PromotionTakenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for trial <paramref name="promotedFrom"/> of <paramref name="study"/>.</summary>
    /// <param name="study">The study's name.</param>
    /// <param name="promotedFrom">The trial whose promotion was taken.</param>
    /// <param name="by">The trial that holds the promotion.</param>
    internal PromotionTakenException(string study, int promotedFrom, int? by)
        : base($"Trial {promotedFrom} of study '{study}' was already promoted{(by is { } number ? $" (by trial {number})" : string.Empty)}; a configuration is promoted once.")
    {
        PromotedFrom = promotedFrom;
    }

    /// <summary>The trial whose promotion was taken.</summary>
    public int PromotedFrom { get; } = -1;
}
