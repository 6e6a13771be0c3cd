using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// The messages between a <see cref="ProcessExecutor"/> and its worker processes: JSON objects with a <c>type</c>, each sent as a
/// 4-byte little-endian length and the UTF-8 text, over a Unix domain socket (never the worker's standard output, which is
/// the user's). Parameters travel as the generated JSON, unchanged.
/// </summary>
/// <remarks>
/// Study to worker: <c>run</c> (objective id, parameters, the trial's number, seed, budget, whether reports wait for a verdict),
/// <c>cancel</c>, <c>verdict</c> (the early-stopping rule's answer to a report), <c>answer</c> (to a checkpoint request).
/// Worker to study: <c>hello</c> (its token and process id), <c>report</c>, <c>attribute</c>, <c>log</c>, <c>save</c> and
/// <c>load</c> (checkpoints), then one ending: <c>result</c>, <c>pruned</c>, <c>cancelled</c>, <c>failed</c> (the exception's
/// type and message) or <c>refused</c> (no objective has that id).
/// </remarks>
internal static class WorkerProtocol
{
    /// <summary>The argument that starts a program in worker mode, followed by the socket's path.</summary>
    public const string WorkerArgument = "--attrhpo-worker";

    /// <summary>The environment variable that carries the token a worker proves itself with (not on the command line, which other users can read).</summary>
    public const string TokenVariable = "ATTRHPO_WORKER_TOKEN";

    /// <summary>The largest message either side accepts.</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>Writes a framed message: its type, then what <paramref name="body"/> writes.</summary>
    public static byte[] Message(string type, Action<Utf8JsonWriter>? body = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Advance(sizeof(int));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            body?.Invoke(writer);
            writer.WriteEndObject();
        }

        var message = buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length - sizeof(int));
        return message;
    }

    /// <summary>Writes a double, as a number when finite and as a string otherwise (JSON has no NaN).</summary>
    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Reads a double written by <see cref="WriteDouble"/>.</summary>
    public static double GetDouble(JsonElement message, string name)
    {
        var value = message.GetProperty(name);
        return value.ValueKind == JsonValueKind.String
            ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : value.GetDouble();
    }

    /// <summary>Reads an optional number.</summary>
    public static long? GetOptionalInt64(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    /// <summary>The message's type.</summary>
    public static string TypeOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : throw new InvalidDataException($"A worker message must be a JSON object with a \"type\"; got {Shorten(message.GetRawText())}.");

    /// <summary>A message's text shortened for an error.</summary>
    public static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
