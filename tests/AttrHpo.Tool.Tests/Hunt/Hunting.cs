using System.Globalization;

namespace AttrHpo.Tool.Tests.Hunt;

/// <summary>A folder for hunts' storages and logs, deleted after the test class.</summary>
public sealed class HuntFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "attrhpo-hunt-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A new storage file's path, in a folder of its own.</summary>
    public string NewFile()
    {
        var folder = System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, "hunt.db");
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Runs <c>attrhpo hunt</c> in this process over the bash scripts of Hunt/Scripts, and reads what it left.</summary>
internal static class Hunting
{
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Hunt", "Scripts", name);

    /// <summary><c>attrhpo hunt --storage FILE --study STUDY OPTIONS -- bash SCRIPT ARGUMENTS</c>.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string study, string[] options, string script, params string[] arguments) =>
        Tool.RunAsync(["hunt", "--storage", file, "--study", study, .. options, "--", "bash", Script(script), .. arguments]);

    public static async Task<IReadOnlyList<TrialRecord>> TrialsAsync(string file, string study)
    {
        await using var storage = StudyStorage.Sqlite(file);
        return [.. (await storage.GetChangesAsync(study, 0, CancellationToken.None)).Trials.OrderBy(t => t.Number)];
    }

    public static async Task<IReadOnlyList<string>> StudiesAsync(string file)
    {
        await using var storage = StudyStorage.Sqlite(file);
        return [.. (await storage.GetStudiesAsync(CancellationToken.None)).Select(s => s.Name)];
    }

    /// <summary>A file a trial's run left in its log folder (stdout.txt, stderr.txt, command.txt).</summary>
    public static string Log(string file, string study, int trial, string name) =>
        File.ReadAllText(Path.Combine(file + ".hunt", study, trial.ToString(CultureInfo.InvariantCulture), name));

    /// <summary>The value after <paramref name="key"/>= in the first line of <paramref name="text"/> that starts with it.</summary>
    public static string Value(string text, string key) =>
        text.Split('\n').First(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..].Trim();

    /// <summary>Whether a process runs (a zombie, dead but not yet reaped by its parent, does not).</summary>
    public static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
