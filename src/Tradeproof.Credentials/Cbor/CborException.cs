namespace Tradeproof.Credentials.Cbor;

/// <summary>Malformed, non-deterministic or over-limit CBOR (RFC 8949 §5.3 "not well-formed" / §4.2 "not deterministic").</summary>
internal sealed class CborException : Exception
{
    public CborException()
    {
    }

    public CborException(string message)
        : base(message)
    {
    }

    public CborException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
