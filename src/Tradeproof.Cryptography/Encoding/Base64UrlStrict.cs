using System.Buffers.Text;

namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// Base64url without padding (RFC 7515 §2, RFC 4648 §5), decoded strictly: only the URL-safe alphabet, no
/// padding, no whitespace, no impossible length, and the unused low bits of the last character must be zero
/// (so every byte string has exactly one accepted encoding). Used by JWK, JWS, SD-JWT and status lists alike.
/// </summary>
public static class Base64UrlStrict
{
    /// <summary>Encodes without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    /// <summary>Decodes canonical unpadded base64url; false for anything else.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] data)
    {
        data = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        // Only the URL-safe alphabet (a vectorized scan; the decoder below would skip whitespace).
        if (text.IndexOfAnyExcept(Alphabet) >= 0)
        {
            return false;
        }

        var last = text.IsEmpty ? 0 : ValueOf(text[^1]);

        // The last character of a 2- or 3-character group carries 4 or 2 unused bits that must be zero.
        var rest = text.Length % 4;
        if ((rest == 2 && (last & 0x0F) != 0) || (rest == 3 && (last & 0x03) != 0))
        {
            return false;
        }

        data = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!Base64Url.TryDecodeFromChars(text, data, out var written))
        {
            return false;
        }

        if (written != data.Length)
        {
            data = data[..written];
        }

        return true;
    }

    /// <summary>Decodes canonical unpadded base64url; null for anything else (including null).</summary>
    public static byte[]? TryDecode(string? text) => text is not null && TryDecode(text.AsSpan(), out var data) ? data : null;

    private static readonly System.Buffers.SearchValues<char> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
