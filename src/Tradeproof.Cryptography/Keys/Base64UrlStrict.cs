using System.Buffers.Text;

namespace Tradeproof.Cryptography;

/// <summary>base64url without padding (RFC 7515 §2, RFC 4648 §5), decoded strictly.</summary>
internal static class Base64UrlStrict
{
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    /// <summary>Decodes canonical unpadded base64url, or returns null (padding, whitespace, stray bits).</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (text is null || text.AsSpan().ContainsAny('=', ' ', '\n') || text.AsSpan().ContainsAny('\r', '\t'))
        {
            return null;
        }

        if (!Base64Url.IsValid(text.AsSpan(), out var length))
        {
            return null;
        }

        var bytes = new byte[length];
        if (Base64Url.DecodeFromChars(text, bytes) != length)
        {
            return null;
        }

        // Canonical: the unused bits of the last character must be zero.
        return string.Equals(Base64Url.EncodeToString(bytes), text, StringComparison.Ordinal) ? bytes : null;
    }
}
