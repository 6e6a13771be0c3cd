using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AttrHpo;

/// <summary>
/// Checkpoints as files: <c>DIRECTORY/STUDY/trial-N.ckpt</c> (the study's name escaped to safe characters), each an 8-byte
/// header (the budget, or -1 for none) and the saved bytes. Written to a temporary file and renamed, so that a reader never
/// sees half a checkpoint and a crash leaves the previous one. Several processes on one machine may share the folder.
/// </summary>
internal sealed class DirectoryCheckpointStore(string directory) : ICheckpointStore
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public async ValueTask SaveAsync(string study, TrialCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var path = PathOf(study, checkpoint.Trial);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var header = new byte[sizeof(long)];
            BinaryPrimitives.WriteInt64LittleEndian(header, checkpoint.Budget ?? -1);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await file.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(checkpoint.State, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CheckpointException(
                $"Could not save trial {checkpoint.Trial}'s checkpoint to '{path}': {exception.Message} Check that StudyOptions.CheckpointDirectory is writable and has space.",
                exception);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public async ValueTask<TrialCheckpoint?> LoadAsync(string study, int trial, CancellationToken cancellationToken)
    {
        var path = PathOf(study, trial);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Could not read trial {trial}'s checkpoint '{path}': {exception.Message}", exception);
        }

        if (bytes.Length < sizeof(long))
        {
            throw new CheckpointException($"Trial {trial}'s checkpoint '{path}' is damaged ({bytes.Length} bytes, shorter than its header). Delete it to train that trial from scratch.");
        }

        var budget = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return new TrialCheckpoint(trial, budget < 0 ? null : budget, bytes.AsMemory(sizeof(long)));
    }

    private string PathOf(string study, int trial) =>
        Path.Combine(Directory, Escape(study), string.Create(CultureInfo.InvariantCulture, $"trial-{trial}.ckpt"));

    /// <summary>A study name as a folder name on any system: letters, digits, '-' and '.' kept, anything else ('_' too) as _XX hex bytes.</summary>
    private static string Escape(string name)
    {
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"_{b:x2}");
            }
        }

        var text = escaped.ToString();
        return text is "." or ".." ? "_" + text : text;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless.
        }
    }
}
