namespace Tradeproof.Dids;

/// <summary>
/// The result of dereferencing a DID URL (DID Resolution §"DID URL Dereferencing"): the DID
/// document, a verification method or a service, or an error code.
/// </summary>
public sealed record DidDereferencingResult
{
    /// <summary>The error code, or null on success.</summary>
    public string? Error { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The resolved document (also on success for fragments).</summary>
    public DidDocument? Document { get; init; }

    /// <summary>The verification method the fragment names, if it names one.</summary>
    public VerificationMethod? VerificationMethod { get; init; }

    /// <summary>The service the fragment or <c>service</c> query names, if any.</summary>
    public Service? Service { get; init; }

    public bool IsSuccess => Error is null;

    internal static DidDereferencingResult Failure(string error, string? message) => new() { Error = error, ErrorMessage = message };
}
