using System.Reflection;

namespace AttrHpo.Generators.Tests;

/// <summary>
/// Compares text with an approved file in Snapshots/. On a mismatch it writes <c>NAME.received.cs</c> beside it and fails
/// with the first differing line. To approve a change on purpose, run the tests with ATTRHPO_ACCEPT_SNAPSHOTS=1 and review the diff in git.
/// </summary>
internal static class Snapshot
{
    private static readonly string Folder = Path.Combine(
        typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "Snapshots");

    public static void Match(string name, string actual)
    {
        var folder = Folder;
        var approved = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("ATTRHPO_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(approved, actual);
        }

        var expected = File.Exists(approved) ? File.ReadAllText(approved).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No approved snapshot {approved}. Review {received} and rename it to approve it."
            : $"Generated code differs from {approved} ({FirstDifference(expected, actual)}). Compare with {received}.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}: expected `{left}` but got `{right}`";
            }
        }

        return "line endings";
    }
}
