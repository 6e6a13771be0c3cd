using System.Buffers.Binary;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// One end of the socket between a study and a worker process: framed messages (<see cref="WorkerProtocol"/>) written by
/// several threads one at a time, read by one reader.
/// </summary>
internal sealed class WorkerConnection(Stream stream) : IAsyncDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly byte[] _header = new byte[sizeof(int)];

    /// <summary>Sends a message made by <see cref="WorkerProtocol.Message"/>.</summary>
    public async ValueTask SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Sends a message from synchronous code (a report made inside the objective, which cannot await): a small write to a
    /// local socket, which the kernel buffers.
    /// </summary>
    public void Send(byte[] message)
    {
        _writing.Wait();
        try
        {
            stream.Write(message);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The next message, or <see langword="null"/> when the other end has gone (closed, reset or died).</summary>
    /// <exception cref="InvalidDataException">The other end sent something that is not a message.</exception>
    public async ValueTask<JsonDocument?> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await FillAsync(_header, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(_header);
            if (length is <= 0 or > WorkerProtocol.MaxMessageBytes)
            {
                throw new InvalidDataException($"A worker message claims {length} bytes; at most {WorkerProtocol.MaxMessageBytes} are accepted.");
            }

            var body = new byte[length];
            return await FillAsync(body, cancellationToken).ConfigureAwait(false) ? JsonDocument.Parse(body) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"A worker message is not valid JSON: {exception.Message}", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync().ConfigureAwait(false);
        _writing.Dispose();
    }

    private async ValueTask<bool> FillAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }
}
