using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tradeproof.Json;

/// <summary>
/// Compact JSON text written through a <see cref="Utf8JsonWriter"/> (default options) into a buffer kept per thread,
/// so that the only allocation is the returned string: no memory stream and writer buffer grown by doubling, no
/// <c>ToArray</c> copy. A node's submission serialises some 25 small documents (its verification results, its twin
/// events) this way.
/// </summary>
public static class JsonText
{
    /// <summary>A buffer that grew past this is not kept for the next call.</summary>
    private const int KeptBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The JSON <paramref name="write"/> writes for <paramref name="state"/>, as a string.</summary>
    /// <param name="state">Passed to <paramref name="write"/> (use a static lambda: nothing is captured).</param>
    /// <param name="write">Writes exactly one JSON value.</param>
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(1024);
        var writer = t_writer;
        t_buffer = null; // a nested call on this thread (write calling back in) takes fresh ones
        t_writer = null;
        try
        {
            buffer.ResetWrittenCount();
            if (writer is null)
            {
                writer = new Utf8JsonWriter(buffer);
            }
            else
            {
                writer.Reset(buffer);
            }

            write(writer, state);
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity <= KeptBytes)
            {
                t_buffer = buffer;
                t_writer = writer;
            }
        }
    }
}
