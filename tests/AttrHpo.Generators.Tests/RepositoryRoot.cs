namespace AttrHpo.Generators.Tests;

/// <summary>The repository these tests run from: the first folder above the test assembly that holds AttrHpo.sln and README.md.</summary>
internal static class RepositoryRoot
{
    /// <summary>The repository's root folder.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "AttrHpo.sln")) && File.Exists(System.IO.Path.Combine(directory.FullName, "README.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds AttrHpo.sln and README.md.");
    }
}
