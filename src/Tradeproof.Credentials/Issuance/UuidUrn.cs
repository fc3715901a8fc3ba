using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Issuance;

/// <summary>Random (version 4) UUIDs as <c>urn:uuid:</c> URNs (RFC 9562 §5.4, RFC 4122 §3), from an injected random source.</summary>
internal static class UuidUrn
{
    public static string New(IRandomSource random)
    {
        Span<byte> b = stackalloc byte[16];
        random.Fill(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x40); // version 4
        b[8] = (byte)((b[8] & 0x3F) | 0x80); // variant 10
        var hex = Convert.ToHexStringLower(b);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
