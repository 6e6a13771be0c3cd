using System.Text;
using ScottPlot;

namespace AttrHpo;

/// <summary>Writes a plot to a file as PNG or SVG, chosen by the file's extension.</summary>
internal static class PlotFile
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
        IsSvg(path) ? Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height)) : plot.GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>Whether <paramref name="path"/> names an SVG file (else a PNG one); a clear error for any other extension.</summary>
    public static bool IsSvg(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var extension = Path.GetExtension(path);
        return extension.Equals(".svg", StringComparison.OrdinalIgnoreCase)
            || (extension.Equals(".png", StringComparison.OrdinalIgnoreCase)
                ? false
                : throw new ArgumentException(
                    $"Cannot tell the image format of '{path}': plots are written as PNG or SVG. End the file name with .png or .svg.", nameof(path)));
    }
}
