namespace Tradeproof.Dids;

/// <summary>
/// The error codes of DID resolution and dereferencing metadata (DID Resolution §"Errors" and
/// the DID Specification Registries), as the exact strings the specs use.
/// </summary>
public static class DidErrorCodes
{
    /// <summary>The DID does not conform to the DID syntax (or the method's syntax).</summary>
    public const string InvalidDid = "invalidDid";

    /// <summary>The DID URL does not conform to the DID URL syntax.</summary>
    public const string InvalidDidUrl = "invalidDidUrl";

    /// <summary>No DID document (or resource) was found.</summary>
    public const string NotFound = "notFound";

    /// <summary>The DID method is not supported by this resolver.</summary>
    public const string MethodNotSupported = "methodNotSupported";

    /// <summary>The requested representation (<c>accept</c>) is not supported.</summary>
    public const string RepresentationNotSupported = "representationNotSupported";

    /// <summary>Resolution failed for another reason (network, timeout, size, bad document).</summary>
    public const string InternalError = "internalError";

    /// <summary>did:key: the key bytes are not a valid key.</summary>
    public const string InvalidPublicKey = "invalidPublicKey";

    /// <summary>did:key: the key has the wrong length for its multicodec type.</summary>
    public const string InvalidPublicKeyLength = "invalidPublicKeyLength";

    /// <summary>did:key: the multicodec key type is not supported.</summary>
    public const string UnsupportedPublicKeyType = "unsupportedPublicKeyType";
}
