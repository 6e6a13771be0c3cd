using System.Diagnostics;
using System.Runtime.Versioning;

namespace AttrHpo.Tests.Support;

/// <summary>
/// Makes a file read-only for this process until disposed: its mode is set to 0444, and, for root (whom modes do not stop),
/// it is also marked immutable with <c>chattr +i</c>.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;
    private readonly bool _immutable;

    private ReadOnlyFile(string path)
    {
        _path = path;
        _mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (Environment.IsPrivilegedProcess)
        {
            _immutable = true;
            Chattr("+i");
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Write);
        }
        catch (UnauthorizedAccessException)
        {
            return; // as intended
        }

        Dispose();
        throw new InvalidOperationException($"The test could not make '{path}' read-only (chmod 0444, and chattr +i as root).");
    }

    public static ReadOnlyFile Make(string path) => new(path);

    public void Dispose()
    {
        if (_immutable)
        {
            Chattr("-i");
        }

        File.SetUnixFileMode(_path, _mode);
    }

    private void Chattr(string flag)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, _path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr {flag} '{_path}' failed ({process.ExitCode}): {error}");
        }
    }
}
