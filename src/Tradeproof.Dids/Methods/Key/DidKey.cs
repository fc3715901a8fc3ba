using System.Text.Json;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids;

/// <summary>
/// did:key (W3C CCG did:key Method v0.9): the DID is <c>did:key:</c> + the Multikey
/// publicKeyMultibase of the key; the document is generated from it, no network involved.
/// </summary>
public static class DidKey
{
    private static readonly JsonElement ContextDidV1 = JsonString(DidDocument.DidContextV1);
    private static readonly JsonElement ContextDidV11 = JsonString(DidDocument.DidContextV11);
    private static readonly JsonElement ContextEd25519_2018 = JsonString("https://w3id.org/security/suites/ed25519-2018/v1");
    private static readonly JsonElement ContextX25519_2019 = JsonString("https://w3id.org/security/suites/x25519-2019/v1");
    private static readonly JsonElement ContextEd25519_2020 = JsonString("https://w3id.org/security/suites/ed25519-2020/v1");
    private static readonly JsonElement ContextX25519_2020 = JsonString("https://w3id.org/security/suites/x25519-2020/v1");
    private static readonly JsonElement ContextSecp256k1_2019 = JsonString("https://w3id.org/security/suites/secp256k1-2019/v1");
    private static readonly JsonElement ContextMultikey2021 = JsonString("https://w3id.org/security/suites/multikey-2021/v1");
    private static readonly JsonElement ContextJws2020 = JsonString("https://w3id.org/security/suites/jws-2020/v1");

    /// <summary>The did:key DID of a public key.</summary>
    public static Did Create(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Did.Create("key", key.ToMultibase());
    }

    /// <summary>The DID document of a did:key DID (did:key §"Document Creation Algorithm").</summary>
    /// <exception cref="DidSyntaxException">Not a did:key DID, or its key does not decode (the code says why).</exception>
    public static DidDocument CreateDocument(Did did, DidKeyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(did);
        options ??= DidKeyOptions.Default;

        // Steps 1-2: the DID must be did:key:<mb-value> with mb-value = "z" + base58btc.
        if (!string.Equals(did.Method, "key", StringComparison.Ordinal))
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, "Not a did:key DID.");
        }

        var multibaseValue = did.MethodSpecificId;
        if (multibaseValue.Length < 2 || multibaseValue[0] != 'z' || multibaseValue.Contains(':', StringComparison.Ordinal))
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, "A did:key value is 'z' followed by base58btc.");
        }

        // Steps 3-4: decode the key (multicodec prefix, length and encoding checks).
        PublicKey key;
        try
        {
            key = PublicKey.FromMultibase(multibaseValue);
        }
        catch (KeyFormatException e)
        {
            throw new DidSyntaxException(e.Code, e.Message);
        }

        // The DID must be the key's canonical encoding (no alternative base58 spellings).
        if (!string.Equals(key.ToMultibase(), multibaseValue, StringComparison.Ordinal))
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, "The did:key value is not the canonical encoding of its key.");
        }

        return CreateDocument(did, key, options.PublicKeyFormat, options.EnableEncryptionKeyDerivation);
    }

    internal static DidDocument CreateDocument(Did did, PublicKey key, string format, bool deriveEncryptionKey)
    {
        var id = did.ToString();
        var controller = id;
        var multibase = did.MethodSpecificId;
        var context = new List<JsonElement>(3);
        var methods = new List<VerificationMethod>(2);
        VerificationRelationshipEntry[] signing = [];
        IReadOnlyList<VerificationRelationshipEntry> agreement = [];

        // Step: the signature verification method (not for X25519, which only agrees keys).
        var main = Method(id + "#" + multibase, controller, key, format, context);
        methods.Add(main);
        var reference = VerificationRelationshipEntry.ForReference(main.Id);
        if (key.Type == KeyType.X25519)
        {
            agreement = [reference];
        }
        else
        {
            signing = [reference];
            if (key.Type != KeyType.Ed25519)
            {
                // ECDSA keys also agree keys (ECDH), as the did:key test vectors list them.
                agreement = [reference];
            }
            else if (deriveEncryptionKey)
            {
                // Encryption method creation: the X25519 key of the Ed25519 key (RFC 7748 §4.1).
                if (string.Equals(format, DidKeyFormats.Multikey, StringComparison.Ordinal))
                {
                    // Embedded in keyAgreement (as the spec's example): derived on first use.
                    agreement = new DerivedRelationship(() =>
                    {
                        var x25519 = key.ToX25519();
                        return VerificationRelationshipEntry.ForEmbedded(Method(id + "#" + x25519.ToMultibase(), controller, x25519, format, []));
                    });
                }
                else
                {
                    var x25519 = key.ToX25519();
                    var encryption = Method(id + "#" + x25519.ToMultibase(), controller, x25519, format, context);
                    methods.Add(encryption);
                    agreement = [VerificationRelationshipEntry.ForReference(encryption.Id)];
                }
            }
        }

        return DidDocument.ForKeys(context, id, methods, signing, agreement);
    }

    internal static bool IsKnownFormat(string format) => format is DidKeyFormats.Multikey or DidKeyFormats.JsonWebKey2020
        or DidKeyFormats.Ed25519VerificationKey2020 or DidKeyFormats.Ed25519VerificationKey2018;

    private static VerificationMethod Method(string id, string controller, PublicKey key, string format, List<JsonElement> context)
    {
        switch (format)
        {
            case DidKeyFormats.JsonWebKey2020:
                AddContext(context, ContextDidV1, ContextJws2020);
                return new VerificationMethod { Id = id, Type = VerificationMethod.JsonWebKey2020Type, Controller = controller, PublicKeyJwk = key.ToJwk() };
            case DidKeyFormats.Ed25519VerificationKey2020 when key.Type == KeyType.Ed25519:
                AddContext(context, ContextDidV1, ContextEd25519_2020);
                return new VerificationMethod { Id = id, Type = VerificationMethod.Ed25519VerificationKey2020Type, Controller = controller, PublicKeyMultibase = key.ToMultibase() };
            case DidKeyFormats.Ed25519VerificationKey2020 when key.Type == KeyType.X25519:
                AddContext(context, ContextDidV1, ContextX25519_2020);
                return new VerificationMethod { Id = id, Type = "X25519KeyAgreementKey2020", Controller = controller, PublicKeyMultibase = key.ToMultibase() };
            case DidKeyFormats.Ed25519VerificationKey2018 when LegacyKeyTypes.TryGetMethodType(key.Type, out var legacyType):
                AddContext(context, ContextDidV1, key.Type switch
                {
                    KeyType.Ed25519 => ContextEd25519_2018,
                    KeyType.X25519 => ContextX25519_2019,
                    KeyType.Secp256k1 => ContextSecp256k1_2019,
                    _ => ContextMultikey2021,
                });
                return new VerificationMethod { Id = id, Type = legacyType, Controller = controller, PublicKeyBase58 = LegacyKeyTypes.EncodeBase58(key) };
            default:
                AddContext(context, ContextDidV11);
                return new VerificationMethod { Id = id, Type = VerificationMethod.MultikeyType, Controller = controller, PublicKeyMultibase = key.ToMultibase() };
        }
    }

    private static void AddContext(List<JsonElement> context, params ReadOnlySpan<JsonElement> entries)
    {
        foreach (var entry in entries)
        {
            if (!context.Any(c => string.Equals(c.GetString(), entry.GetString(), StringComparison.Ordinal)))
            {
                context.Add(entry);
            }
        }
    }

    /// <summary>A JSON string element (the context URLs need no escaping).</summary>
    private static JsonElement JsonString(string value)
    {
        using var document = JsonDocument.Parse("\"" + value + "\"");
        return document.RootElement.Clone();
    }
}
