using System.Buffers;
using System.Text.Json;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Credentials.DataIntegrity.Cryptosuites;

/// <summary>
/// The common shape of the eddsa-*, ecdsa-rdfc/jcs-2019 and Ed25519Signature2020 suites, declared by a name,
/// a transformation, key types and a hash per key type (vc-di-eddsa §3.2-3.4, vc-di-ecdsa §3.2-3.4):
/// <list type="number">
/// <item>Proof configuration: the options with <c>@context</c> = the document's (or the proof's own, when it has one).</item>
/// <item>Transformation: RDFC-1.0 of the JSON-LD document, or JCS.</item>
/// <item>Hashing: <c>hash(canonical proof configuration) || hash(transformed document)</c>.</item>
/// <item>Serialization: the signature over that, as multibase base58btc <c>proofValue</c>.</item>
/// </list>
/// </summary>
internal sealed class DataIntegrityCryptosuite : ICryptosuite
{
    private readonly KeyType[] _keyTypes;

    /// <param name="name">The cryptosuite name, or the proof type for a legacy suite.</param>
    /// <param name="proofType"><c>DataIntegrityProof</c> or the legacy type.</param>
    /// <param name="transformation">RDFC or JCS.</param>
    /// <param name="keepContextInProof">True for the JCS suites: the proof carries the <c>@context</c> it was made with.</param>
    /// <param name="keyTypes">The key types, each with its hash (SHA-384 for P-384, SHA-256 otherwise).</param>
    public DataIntegrityCryptosuite(string name, string proofType, SuiteTransformation transformation, bool keepContextInProof, params KeyType[] keyTypes)
    {
        Name = name;
        ProofType = proofType;
        CryptosuiteName = proofType == DataIntegrityProof.DataIntegrityProofType ? name : null;
        Transformation = transformation;
        KeepContextInProof = keepContextInProof;
        _keyTypes = keyTypes;
    }

    public string Name { get; }

    public string ProofType { get; }

    public string? CryptosuiteName { get; }

    public SuiteTransformation Transformation { get; }

    public bool KeepContextInProof { get; }

    public bool SupportsKeyType(KeyType keyType) => Array.IndexOf(_keyTypes, keyType) >= 0;

    /// <summary>vc-di-ecdsa §3.3: SHA-384 for P-384 (RDFC and the hash), SHA-256 for every other key.</summary>
    public static RdfcHashAlgorithm HashFor(KeyType keyType) => keyType == KeyType.P384 ? RdfcHashAlgorithm.Sha384 : RdfcHashAlgorithm.Sha256;

    public DataIntegrityProof CreateProof(ProofCreationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hash = HashFor(context.Signer.Type);

        // Proof configuration: @context from the document (vc-di-eddsa §3.3.5 step 7 and its peers).
        JsonElement? documentContext = context.Document.TryGetProperty("@context", out var c) ? c : null;
        var configuration = context.ProofConfiguration.ToConfigurationUtf8(documentContext);
        var hashData = HashData(context.Transforms, context.UnsecuredDocument.Span, configuration, hash, context.CancellationToken);

        // Proof serialization: sign, multibase base58btc.
        var signature = context.Signer.Sign(hashData);
        var proof = KeepContextInProof && documentContext is not null
            ? DataIntegrityProof.Parse(configuration)
            : context.ProofConfiguration;
        return proof.WithProofValue(Multibase.Encode(MultibaseEncoding.Base58Btc, signature));
    }

    public Problem? VerifyProof(ProofVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var proof = context.Proof;

        // Verify Proof step 3: the proof value decodes (base58btc, the signature length of the key).
        if (proof.ProofValue is not { } value || value.Length == 0 || value[0] != 'z')
        {
            return Malformed("proofValue must be multibase base58btc ('z').");
        }

        byte[] signature;
        try
        {
            signature = Multibase.Decode(value, MultibaseEncoding.Base58Btc);
        }
        catch (MultibaseException e)
        {
            return Malformed("proofValue does not decode: " + e.Message);
        }

        var documentContext = context.DocumentContext;
        var unsecured = context.UnsecuredDocument;

        // Verify Proof step 4: a proof @context must be a prefix of the document's; the document is then read with it.
        JsonElement? configurationContext = documentContext;
        var keepEmbedded = context.KeepEmbedded;
        var embedded = context.Embedded;
        if (proof.Context is { } proofContext)
        {
            if (!IsPrefix(proofContext, documentContext))
            {
                return new Problem(ProblemTypes.ProofVerificationError, "Proof context mismatch", "The proof's @context is not a prefix of the document's @context.");
            }

            configurationContext = proofContext;
            if (!JsonElement.DeepEquals(proofContext, documentContext!.Value))
            {
                unsecured = ReplaceContext(context.Document, proofContext);
                keepEmbedded = null;
                embedded = null;
            }
        }

        var hash = HashFor(context.PublicKey.Type);
        var configuration = proof.ToConfigurationUtf8(configurationContext);
        var hashData = HashData(context.Transforms, unsecured.Span, configuration, hash, context.CancellationToken, keepEmbedded, embedded);
        return context.PublicKey.Verify(hashData, signature)
            ? null
            : new Problem(ProblemTypes.ProofVerificationError, "Invalid signature", $"The {Name} signature does not verify.");
    }

    /// <summary>
    /// The hashing step: hash(canonical configuration) || hash(canonical document). RDFC: the document's toRdf keeps
    /// embedded credentials in <paramref name="keepEmbedded"/>, or is <paramref name="embedded"/>'s when it was kept.
    /// </summary>
    internal byte[] HashData(ProofTransforms transforms, ReadOnlySpan<byte> document, ReadOnlySpan<byte> configuration, RdfcHashAlgorithm hash, CancellationToken cancellationToken, Tradeproof.JsonLd.EmbeddedDocuments? keepEmbedded = null, EmbeddedDocument? embedded = null)
    {
        if (Transformation == SuiteTransformation.Rdfc)
        {
            // The canonical N-Quads are only hashed: RDFC-1.0 hashes its joined lines in place.
            var rdfcDocumentHash = transforms.HashRdf(document, hash, cancellationToken, keepEmbedded, embedded);
            var rdfcProofHash = transforms.HashRdf(configuration, hash, cancellationToken);
            return [.. rdfcProofHash, .. rdfcDocumentHash];
        }

        var canonicalDocument = Canonicalize(transforms, document, hash, cancellationToken, keepEmbedded, embedded);
        var canonicalConfiguration = Canonicalize(transforms, configuration, hash, cancellationToken);
        var proofHash = ProofTransforms.Hash(canonicalConfiguration.Span, hash);
        var documentHash = ProofTransforms.Hash(canonicalDocument.Span, hash);
        return [.. proofHash, .. documentHash];
    }

    internal ReadOnlyMemory<byte> Canonicalize(ProofTransforms transforms, ReadOnlySpan<byte> json, RdfcHashAlgorithm hash, CancellationToken cancellationToken, Tradeproof.JsonLd.EmbeddedDocuments? keepEmbedded = null, EmbeddedDocument? embedded = null) =>
        Transformation == SuiteTransformation.Rdfc
            ? transforms.Canonicalize(transforms.ToRdf(json, keepEmbedded, embedded), hash, cancellationToken).CanonicalNQuadsUtf8
            : ProofTransforms.CanonicalizeJcs(json);

    private static Problem Malformed(string detail) => new(ProblemTypes.ProofVerificationError, "Malformed proof value", detail);

    /// <summary>True when <paramref name="prefix"/> (a context value) starts <paramref name="full"/>, in order.</summary>
    internal static bool IsPrefix(JsonElement prefix, JsonElement? full)
    {
        if (full is not { } f)
        {
            return false;
        }

        var a = AsList(prefix);
        var b = AsList(f);
        if (a.Count > b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!JsonElement.DeepEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static List<JsonElement> AsList(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];

    private static byte[] ReplaceContext(JsonElement document, JsonElement context)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("@context");
            context.WriteTo(writer);
            foreach (var member in document.EnumerateObject())
            {
                if (!member.NameEquals("@context"))
                {
                    member.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
