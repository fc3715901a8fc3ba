namespace Tradeproof.Dids;

/// <summary>A DID document that does not follow the DID Core §4-5 data model.</summary>
public sealed class DidDocumentException : FormatException
{
    public DidDocumentException()
    {
    }

    public DidDocumentException(string message)
        : base(message)
    {
    }

    public DidDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
