namespace Tradeproof.Dids;

/// <summary>
/// A DID or DID URL that does not match the DID Core §3 ABNF (or a method's own syntax).
/// <see cref="Code"/> is the DID resolution error: <c>invalidDid</c> or <c>invalidDidUrl</c>.
/// </summary>
public sealed class DidSyntaxException : FormatException
{
    public DidSyntaxException()
        : this(DidErrorCodes.InvalidDid, "Invalid DID.")
    {
    }

    public DidSyntaxException(string message)
        : this(DidErrorCodes.InvalidDid, message)
    {
    }

    public DidSyntaxException(string message, Exception innerException)
        : base(message, innerException) => Code = DidErrorCodes.InvalidDid;

    public DidSyntaxException(string code, string message)
        : base(message) => Code = code;

    /// <summary><c>invalidDid</c> or <c>invalidDidUrl</c>.</summary>
    public string Code { get; }
}
