namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// The multibase encodings we implement, named as in the multibase table (multibase.csv); the value is
/// the prefix character's code point.
/// </summary>
public enum MultibaseEncoding
{
    /// <summary><c>0</c>: binary digits, 8 per byte (experimental).</summary>
    Base2 = '0',

    /// <summary><c>7</c>: octal, RFC 4648 style bit groups, no padding (draft).</summary>
    Base8 = '7',

    /// <summary><c>9</c>: decimal big-number, one <c>0</c> per leading zero byte (draft).</summary>
    Base10 = '9',

    /// <summary><c>f</c>: lowercase hexadecimal (final).</summary>
    Base16 = 'f',

    /// <summary><c>F</c>: uppercase hexadecimal (final).</summary>
    Base16Upper = 'F',

    /// <summary><c>v</c>: RFC 4648 base32hex, lowercase, no padding (experimental).</summary>
    Base32Hex = 'v',

    /// <summary><c>V</c>: RFC 4648 base32hex, uppercase, no padding (experimental).</summary>
    Base32HexUpper = 'V',

    /// <summary><c>t</c>: RFC 4648 base32hex, lowercase, padded (experimental).</summary>
    Base32HexPad = 't',

    /// <summary><c>T</c>: RFC 4648 base32hex, uppercase, padded (experimental).</summary>
    Base32HexPadUpper = 'T',

    /// <summary><c>b</c>: RFC 4648 base32, lowercase, no padding (final).</summary>
    Base32 = 'b',

    /// <summary><c>B</c>: RFC 4648 base32, uppercase, no padding (final).</summary>
    Base32Upper = 'B',

    /// <summary><c>c</c>: RFC 4648 base32, lowercase, padded (draft).</summary>
    Base32Pad = 'c',

    /// <summary><c>C</c>: RFC 4648 base32, uppercase, padded (draft).</summary>
    Base32PadUpper = 'C',

    /// <summary><c>h</c>: z-base-32 (draft).</summary>
    Base32Z = 'h',

    /// <summary><c>k</c>: base36 lowercase big-number (draft).</summary>
    Base36 = 'k',

    /// <summary><c>K</c>: base36 uppercase big-number (draft).</summary>
    Base36Upper = 'K',

    /// <summary><c>R</c>: base45, RFC 9285 (draft).</summary>
    Base45 = 'R',

    /// <summary><c>z</c>: base58 with the Bitcoin alphabet (final). The encoding of Multikey and did:key.</summary>
    Base58Btc = 'z',

    /// <summary><c>Z</c>: base58 with the Flickr alphabet (experimental).</summary>
    Base58Flickr = 'Z',

    /// <summary><c>m</c>: RFC 4648 base64, no padding (final).</summary>
    Base64 = 'm',

    /// <summary><c>M</c>: RFC 4648 base64, padded (experimental).</summary>
    Base64Pad = 'M',

    /// <summary><c>u</c>: RFC 4648 base64url, no padding (final). The encoding of ecdsa-sd-2023 proofs.</summary>
    Base64Url = 'u',

    /// <summary><c>U</c>: RFC 4648 base64url, padded (final).</summary>
    Base64UrlPad = 'U',

    /// <summary>🚀 (U+1F680): one emoji per byte (experimental).</summary>
    Base256Emoji = 0x1F680,
}
