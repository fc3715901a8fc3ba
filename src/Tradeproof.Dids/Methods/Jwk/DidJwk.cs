using System.Buffers.Text;
using System.Text.Json;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids;

/// <summary>
/// did:jwk (did:jwk specification): <c>did:jwk:</c> + base64url(UTF-8 JSON of a public JWK); the
/// document has one JsonWebKey2020 method <c>#0</c>, listed per the JWK's <c>use</c>.
/// </summary>
public static class DidJwk
{
    private static readonly JsonElement[] Context = CreateContext();

    /// <summary>The did:jwk DID of a public key (its JWK members in lexicographic order).</summary>
    public static Did Create(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create(key.ToJwk());
    }

    /// <summary>The did:jwk DID of a public JWK.</summary>
    /// <exception cref="ArgumentException">The JWK holds a private key.</exception>
    public static Did Create(Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        if (jwk.IsPrivate)
        {
            throw new ArgumentException("A did:jwk must not contain a private key.", nameof(jwk));
        }

        return Did.Create("jwk", Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(jwk.ToJson())));
    }

    /// <summary>The DID document of a did:jwk DID (did:jwk §"Read").</summary>
    /// <exception cref="DidSyntaxException">Not did:jwk, not base64url JSON, a private or unusable key.</exception>
    public static DidDocument CreateDocument(Did did)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (!string.Equals(did.Method, "jwk", StringComparison.Ordinal))
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, "Not a did:jwk DID.");
        }

        // Read step 1: decode the method-specific id as base64url, then as a UTF-8 JSON JWK.
        var value = did.MethodSpecificId;
        if (!Base64Url.IsValid(value.AsSpan(), out var length) || value.Contains('=', StringComparison.Ordinal) || length > 16 * 1024)
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, "A did:jwk value is unpadded base64url.");
        }

        var bytes = Base64Url.DecodeFromChars(value.AsSpan());
        Jwk jwk;
        try
        {
            using var json = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
            jwk = Jwk.FromJson(json.RootElement);
        }
        catch (JsonException)
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, "A did:jwk value must decode to a JSON object.");
        }
        catch (KeyFormatException e)
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, e.Message);
        }

        // The JWK must be public and usable.
        if (jwk.IsPrivate)
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, "A did:jwk must not contain a private key.");
        }

        PublicKey key;
        try
        {
            key = PublicKey.FromJwk(jwk);
        }
        catch (KeyFormatException e)
        {
            throw new DidSyntaxException(e.Code, e.Message);
        }

        // Read step 2: the document, with relationships by "use". Departure: an X25519 key is
        // listed under keyAgreement only, whatever "use" says (it cannot sign).
        var id = did.ToString();
        var method = new VerificationMethod { Id = id + "#0", Type = VerificationMethod.JsonWebKey2020Type, Controller = id, PublicKeyJwk = jwk };
        VerificationRelationshipEntry[] reference = [VerificationRelationshipEntry.ForReference(method.Id)];
        var signing = key.Type != KeyType.X25519 && !string.Equals(jwk.Use, "enc", StringComparison.Ordinal);
        var agreement = !string.Equals(jwk.Use, "sig", StringComparison.Ordinal);
        return new DidDocument
        {
            Context = Context,
            Id = id,
            VerificationMethod = [method],
            AssertionMethod = signing ? reference : [],
            Authentication = signing ? reference : [],
            CapabilityInvocation = signing ? reference : [],
            CapabilityDelegation = signing ? reference : [],
            KeyAgreement = agreement ? reference : [],
        };
    }

    private static JsonElement[] CreateContext()
    {
        using var document = JsonDocument.Parse("[\"https://www.w3.org/ns/did/v1\",\"https://w3id.org/security/suites/jws-2020/v1\"]");
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}

/// <summary>The did:jwk resolver (pure computation, no I/O).</summary>
public sealed class DidJwkResolver : IDidMethodResolver
{
    /// <inheritdoc />
    public string Method => "jwk";

    /// <inheritdoc />
    public ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!DidMediaTypes.TrySelect(options.Accept, out var contentType))
        {
            return ValueTask.FromResult(DidResolutionResult.Failure(DidErrorCodes.RepresentationNotSupported, $"The representation '{options.Accept}' is not supported."));
        }

        try
        {
            return ValueTask.FromResult(DidResolutionResult.Success(DidJwk.CreateDocument(did), contentType));
        }
        catch (DidSyntaxException e)
        {
            return ValueTask.FromResult(DidResolutionResult.Failure(e.Code, e.Message));
        }
    }
}
