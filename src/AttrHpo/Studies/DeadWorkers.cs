using System.Diagnostics;
using System.Globalization;

namespace AttrHpo;

/// <summary>
/// Tells whether a worker ran in a process of this machine that has exited (killed, crashed): its trials need not wait for
/// their leases to run out. Workers are recognised by the default worker name, <c>host/pid/...</c>; a worker named otherwise
/// (<see cref="StudyOptions.WorkerName"/>), or of another host, is waited for until its lease ends.
/// </summary>
internal static class DeadWorkers
{
    /// <summary>Whether <paramref name="worker"/> names a process of this machine, other than this one, that no longer runs.</summary>
    public static bool IsDeadHere(string worker)
    {
        var parts = worker.Split('/');
        if (parts.Length < 2 || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
