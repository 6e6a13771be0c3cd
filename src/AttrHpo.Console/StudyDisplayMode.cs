namespace AttrHpo;

/// <summary>How <see cref="StudyConsole"/> shows a running study.</summary>
public enum StudyDisplayMode
{
    /// <summary>
    /// <see cref="Live"/> on an interactive console that understands ANSI escape sequences, <see cref="Plain"/> otherwise: when
    /// the output, the input or the error stream is redirected (a CI log, a pipe, a file), or the terminal is a dumb one.
    /// </summary>
    Auto,

    /// <summary>A panel redrawn a few times a second (trial counts, the best value and its parameters, elapsed and remaining time), left on screen as the summary when the call ends.</summary>
    Live,

    /// <summary>One line per finished trial, and a summary line when the call ends: readable in a log, nothing redrawn, no escape sequences.</summary>
    Plain,
}
