namespace AttrHpo;

/// <summary>Says in words why a worker process exited, from its exit code.</summary>
internal static class ExitReason
{
    public static string Describe(int exitCode)
    {
        if (OperatingSystem.IsWindows())
        {
            return unchecked((uint)exitCode) switch
            {
                0xC00000FD => $"exit code {exitCode} (stack overflow)",
                0x80131623 => $"exit code {exitCode} (Environment.FailFast)",
                0xC0000005 => $"exit code {exitCode} (access violation: a native crash)",
                _ => $"exit code {exitCode}",
            };
        }

        // .NET reports a process ended by a signal as 128 + the signal's number.
        return exitCode switch
        {
            > 128 and < 160 => $"exit code {exitCode}: killed by signal {exitCode - 128} ({Signal(exitCode - 128)})",
            _ => $"exit code {exitCode}",
        };
    }

    private static string Signal(int signal) => signal switch
    {
        4 => "SIGILL: illegal instruction, a native crash",
        6 => "SIGABRT: aborted, as by Environment.FailFast, a stack overflow, an unhandled exception on another thread or a native abort",
        7 => "SIGBUS: bus error, a native crash",
        8 => "SIGFPE: arithmetic fault, a native crash",
        9 => "SIGKILL: killed from outside, or by the kernel's out-of-memory killer",
        11 => "SIGSEGV: segmentation fault, a native crash",
        15 => "SIGTERM: asked to terminate from outside",
        _ => "a signal",
    };
}
