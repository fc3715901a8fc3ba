namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// Bytes that should start with a multicodec prefix do not: a truncated, overlong (more than 9 bytes) or
/// non-minimal unsigned varint, or an unexpected or unknown code.
/// </summary>
public sealed class MulticodecException : FormatException
{
    public MulticodecException()
        : base("Invalid multicodec prefix.")
    {
    }

    public MulticodecException(string message)
        : base(message)
    {
    }

    public MulticodecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
