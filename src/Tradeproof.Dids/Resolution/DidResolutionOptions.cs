namespace Tradeproof.Dids;

/// <summary>DID resolution options (DID Resolution §"DID Resolution Options").</summary>
public sealed record DidResolutionOptions
{
    /// <summary>The defaults: <c>application/did+json</c>.</summary>
    public static DidResolutionOptions Default { get; } = new();

    /// <summary>The requested representation's media type; null for the default.</summary>
    public string? Accept { get; init; }

    /// <summary>
    /// did:key <c>publicKeyFormat</c>: <c>Multikey</c> (default), <c>JsonWebKey2020</c>,
    /// <c>Ed25519VerificationKey2020</c>, or <c>Ed25519VerificationKey2018</c> (the 2018-2021
    /// publicKeyBase58 types of the JSON test vectors). Null for the resolver's default.
    /// </summary>
    public string? PublicKeyFormat { get; init; }

    /// <summary>did:key <c>enableEncryptionKeyDerivation</c>; null for the resolver's default.</summary>
    public bool? EnableEncryptionKeyDerivation { get; init; }
}

/// <summary>The DID document representations we produce.</summary>
public static class DidMediaTypes
{
    /// <summary>JSON (DID Core §6.2), our default.</summary>
    public const string DidJson = "application/did+json";

    /// <summary>JSON-LD (DID Core §6.3); the document carries <c>@context</c>.</summary>
    public const string DidLdJson = "application/did+ld+json";

    /// <summary>The DID Resolution result media type.</summary>
    public const string DidResolution = "application/did-resolution";

    internal static bool TrySelect(string? accept, out string contentType)
    {
        switch (accept)
        {
            case null or "" or "*/*" or DidJson or "application/json":
                contentType = DidJson;
                return true;
            case DidLdJson or "application/ld+json":
                contentType = DidLdJson;
                return true;
            default:
                contentType = string.Empty;
                return false;
        }
    }
}
