using System.Buffers;

namespace Tradeproof.Json;

/// <summary>RFC 8785 §3.2: the canonicalization of a JSON text.</summary>
internal static class JcsCanonicalizer
{
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json, JcsOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(utf8Json.Length);
        Canonicalize(utf8Json, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Canonicalize(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> output, JcsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        throw new NotImplementedException(utf8Json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
