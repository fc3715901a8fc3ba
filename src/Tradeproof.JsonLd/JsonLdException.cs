namespace Tradeproof.JsonLd;

/// <summary>
/// A JSON-LD processing error (JSON-LD 1.1 API §9.4.2, <c>JsonLdErrorCode</c>).
/// <see cref="Code"/> is the exact error string of the specification (for example
/// <c>invalid @id value</c>), or one of this processor's own codes for safe mode and limits
/// (see <see cref="JsonLdErrorCode"/>).
/// </summary>
public sealed class JsonLdException : Exception
{
    public JsonLdException()
        : this(JsonLdErrorCode.LoadingDocumentFailed, (string?)null)
    {
    }

    public JsonLdException(string message)
        : this(JsonLdErrorCode.LoadingDocumentFailed, message)
    {
    }

    /// <summary>An error with a spec error code and an optional detail.</summary>
    public JsonLdException(string code, string? detail)
        : this(code, detail, null)
    {
    }

    /// <summary>An error with a spec error code, an optional detail and the error that caused it.</summary>
    public JsonLdException(string code, string? detail, Exception? innerException)
        : base(detail is null ? code : code + ": " + detail, innerException) => Code = code;

    /// <summary>The error code: the exact spec string, e.g. <c>protected term redefinition</c>.</summary>
    public string Code { get; }
}
