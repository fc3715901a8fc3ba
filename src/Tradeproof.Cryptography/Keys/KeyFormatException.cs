namespace Tradeproof.Cryptography;

/// <summary>
/// A key in a multikey, JWK or raw encoding that cannot be used: wrong length, unknown type or
/// curve, not on the curve, bad encoding. The message never contains secret material.
/// <see cref="Code"/> is the DID resolution error that fits (e.g. <c>invalidPublicKeyLength</c>).
/// </summary>
public sealed class KeyFormatException : FormatException
{
    public KeyFormatException()
        : this(KeyFormatException.InvalidPublicKey, "Invalid key.")
    {
    }

    public KeyFormatException(string message)
        : this(KeyFormatException.InvalidPublicKey, message)
    {
    }

    public KeyFormatException(string message, Exception innerException)
        : base(message, innerException) => Code = InvalidPublicKey;

    public KeyFormatException(string code, string message)
        : base(message) => Code = code;

    /// <summary>The key bytes do not decode to a valid key.</summary>
    public const string InvalidPublicKey = "invalidPublicKey";

    /// <summary>The key has the wrong length for its type.</summary>
    public const string InvalidPublicKeyLength = "invalidPublicKeyLength";

    /// <summary>The key type (multicodec, kty or crv) is not one we support.</summary>
    public const string UnsupportedPublicKeyType = "unsupportedPublicKeyType";

    /// <summary>A DID resolution / did:key error code for this failure.</summary>
    public string Code { get; }
}
