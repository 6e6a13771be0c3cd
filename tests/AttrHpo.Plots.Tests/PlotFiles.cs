using System.Xml.Linq;

namespace AttrHpo.Plots.Tests;

/// <summary>A temporary folder for the images a test writes, and checks that they are what their extension says.</summary>
public sealed class PlotFiles : IDisposable
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public string Folder { get; } = Directory.CreateTempSubdirectory("attrhpo-plots-").FullName;

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Asserts that the file is a non-trivial PNG: the signature, then an IHDR chunk.</summary>
    public static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(PngMagic, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
    }

    /// <summary>Asserts that the file parses as an SVG document and returns all its text content.</summary>
    public static string AssertSvg(string path)
    {
        var document = XDocument.Load(path);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        return string.Join("\n", document.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
