namespace AttrHpo.Generators.Tests;

/// <summary>Every C# file of the packages, the generator and the analyzers stays under 400 lines: one thing per file.</summary>
public sealed class SourceFileLengthTests
{
    private const int MaxLines = 400;

    [Fact]
    public void NoSourceFileIsOver400Lines()
    {
        var files = new[] { "src", "generators", "analyzers" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(RepositoryRoot.Path, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();
        var tooLong = files.Select(f => (File: Path.GetRelativePath(RepositoryRoot.Path, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File} ({f.Lines} lines)")
            .ToList();

        Assert.True(files.Count > 100, $"only {files.Count} source files found under {RepositoryRoot.Path}");
        Assert.True(tooLong.Count == 0, $"split these files: {string.Join(", ", tooLong)}");
    }
}
