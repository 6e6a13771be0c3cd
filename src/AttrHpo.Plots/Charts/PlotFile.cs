using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;

namespace AttrHpo;

/// <summary>Writes a plot to a file as PNG or SVG, chosen by the file's extension.</summary>
internal static partial class PlotFile
{
    public static async Task SaveAsync(Plot plot, string path, int width, int height, CancellationToken cancellationToken)
    {
        var bytes = Render(plot, path, width, height);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plot's bytes in the format the extension of <paramref name="path"/> names.</summary>
    public static byte[] Render(Plot plot, string path, int width, int height) =>
        IsSvg(path) ? Encoding.UTF8.GetBytes(StableIds(plot.GetSvgXml(width, height))) : plot.GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>Whether <paramref name="path"/> names an SVG file (else a PNG one); a clear error for any other extension.</summary>
    public static bool IsSvg(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path);
        if (extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (extension.Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new ArgumentException(
            $"Cannot tell the image format of '{path}': plots are written as PNG or SVG. End the file name with .png or .svg.", nameof(path));
    }

    /// <summary>
    /// Renumbers the SVG's element ids (clip paths: <c>cl_7</c>) from 0 in document order. Skia numbers them (in hex) with a counter
    /// that lives as long as the process, so the same plot drawn twice would differ in its ids alone.
    /// </summary>
    internal static string StableIds(string svg)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in IdDeclaration().Matches(svg))
        {
            var (id, prefix) = (match.Groups["id"].Value, match.Groups["prefix"].Value);
            renamed.TryAdd(id, $"{prefix}{renamed.Count}");
        }

        return renamed.Count == 0 ? svg : IdUse().Replace(svg, m => renamed.TryGetValue(m.Value, out var id) ? id : m.Value);
    }

    [GeneratedRegex("id=\"(?<id>(?<prefix>[A-Za-z]+_)[0-9a-fA-F]+)\"")]
    private static partial Regex IdDeclaration();

    [GeneratedRegex("(?<=id=\"|#)[A-Za-z]+_[0-9a-fA-F]+\\b")]
    private static partial Regex IdUse();
}
