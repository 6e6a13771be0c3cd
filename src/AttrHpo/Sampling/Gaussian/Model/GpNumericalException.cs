namespace AttrHpo;

/// <summary>The Gaussian-process sampler met a numerical failure it could not repair (for example a covariance matrix that stays singular under jitter).</summary>
public sealed class GpNumericalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GpNumericalException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed and what to do.</param>
    public GpNumericalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public GpNumericalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
