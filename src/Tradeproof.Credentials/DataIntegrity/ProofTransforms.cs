using System.Security.Cryptography;
using Tradeproof.Json;
using Tradeproof.JsonLd;
using Tradeproof.Rdf;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>
/// The transformations of the Data Integrity suites, with their limits: JSON-LD to RDF in safe mode with the
/// embedded loader (one shared <see cref="JsonLdOptions"/>, so processed contexts are cached), RDFC-1.0 with
/// a work limit, and JCS (RFC 8785). Failures become <see cref="ProofTransformException"/>. Thread-safe.
/// </summary>
public sealed class ProofTransforms
{
    private readonly RdfcOptions _sha256;
    private readonly RdfcOptions _sha384;

    /// <param name="jsonLdOptions">Options to use (must have <see cref="JsonLdOptions.SafeMode"/>); null for a new
    /// safe-mode instance with the embedded loader.</param>
    /// <param name="rdfcMaxWorkFactor">The RDFC-1.0 work limit (see <see cref="RdfcOptions.MaxWorkFactor"/>).</param>
    public ProofTransforms(JsonLdOptions? jsonLdOptions = null, int rdfcMaxWorkFactor = RdfcOptions.DefaultMaxWorkFactor)
    {
        if (jsonLdOptions is { SafeMode: false })
        {
            throw new ArgumentException("Proofs need JSON-LD safe mode.", nameof(jsonLdOptions));
        }

        JsonLdOptions = jsonLdOptions ?? new JsonLdOptions { SafeMode = true };
        _sha256 = new RdfcOptions(RdfcHashAlgorithm.Sha256, rdfcMaxWorkFactor);
        _sha384 = new RdfcOptions(RdfcHashAlgorithm.Sha384, rdfcMaxWorkFactor);
    }

    /// <summary>A shared instance with the defaults.</summary>
    public static ProofTransforms Default { get; } = new();

    /// <summary>The JSON-LD options (safe mode; their context cache is shared by every call).</summary>
    public JsonLdOptions JsonLdOptions { get; }

    /// <summary>JSON-LD toRdf of a UTF-8 JSON-LD document in safe mode.</summary>
    /// <exception cref="ProofTransformException">Expansion failed or dropped something (safe mode).</exception>
    public RdfDataset ToRdf(ReadOnlySpan<byte> utf8JsonLd) => ToRdf(utf8JsonLd, null, null);

    /// <summary>
    /// JSON-LD toRdf of a UTF-8 JSON-LD document in safe mode: the dataset <paramref name="embedded"/> (an embedded
    /// credential's expansion kept by its presentation) stands for when there is one made with these options, else
    /// the document's, keeping its embedded credentials in <paramref name="keepEmbedded"/> when given.
    /// </summary>
    /// <exception cref="ProofTransformException">Expansion failed or dropped something (safe mode).</exception>
    internal RdfDataset ToRdf(ReadOnlySpan<byte> utf8JsonLd, EmbeddedDocuments? keepEmbedded, EmbeddedDocument? embedded)
    {
        try
        {
            if (embedded is not null && embedded.Documents.ToRdf(embedded.Index, JsonLdOptions) is { } kept)
            {
                return kept;
            }

            return JsonLdProcessor.ToRdf(utf8JsonLd, JsonLdOptions, keepEmbedded);
        }
        catch (JsonLdException e)
        {
            throw new ProofTransformException("JSON-LD: " + e.Message, e);
        }
    }

    /// <summary>RDFC-1.0 of a dataset with <paramref name="hash"/> as its internal hash.</summary>
    /// <exception cref="ProofTransformException">The work limit was exceeded.</exception>
    public CanonicalizationResult Canonicalize(RdfDataset dataset, RdfcHashAlgorithm hash, CancellationToken cancellationToken = default)
    {
        try
        {
            return RdfCanonicalizer.Canonicalize(dataset, hash == RdfcHashAlgorithm.Sha384 ? _sha384 : _sha256, cancellationToken);
        }
        catch (RdfCanonicalizationException e)
        {
            throw new ProofTransformException("RDFC-1.0: " + e.Message, e);
        }
    }

    /// <summary>
    /// JSON-LD toRdf then RDFC-1.0, hashed with <paramref name="hash"/>: the RDFC suites' transformation and hashing,
    /// the same bytes as <see cref="Hash"/> of <see cref="CanonicalizeRdf(ReadOnlySpan{byte}, RdfcHashAlgorithm, CancellationToken)"/>
    /// without keeping the canonical N-Quads. The dataset is <paramref name="embedded"/>'s or the document's (see
    /// <see cref="ToRdf(ReadOnlySpan{byte}, Tradeproof.JsonLd.EmbeddedDocuments?, EmbeddedDocument?)"/>).
    /// </summary>
    /// <exception cref="ProofTransformException">Expansion or canonicalization failed.</exception>
    internal byte[] HashRdf(ReadOnlySpan<byte> utf8JsonLd, RdfcHashAlgorithm hash, CancellationToken cancellationToken, Tradeproof.JsonLd.EmbeddedDocuments? keepEmbedded = null, EmbeddedDocument? embedded = null)
    {
        var dataset = ToRdf(utf8JsonLd, keepEmbedded, embedded);
        try
        {
            return RdfCanonicalizer.CanonicalizeAndHash(dataset, hash == RdfcHashAlgorithm.Sha384 ? _sha384 : _sha256, cancellationToken);
        }
        catch (RdfCanonicalizationException e)
        {
            throw new ProofTransformException("RDFC-1.0: " + e.Message, e);
        }
    }

    /// <summary>JSON-LD toRdf then RDFC-1.0: the canonical N-Quads as UTF-8 (the RDFC suites' transformation).</summary>
    /// <exception cref="ProofTransformException">Expansion or canonicalization failed.</exception>
    public ReadOnlyMemory<byte> CanonicalizeRdf(ReadOnlySpan<byte> utf8JsonLd, RdfcHashAlgorithm hash, CancellationToken cancellationToken = default) =>
        Canonicalize(ToRdf(utf8JsonLd), hash, cancellationToken).CanonicalNQuadsUtf8;

    /// <summary>JCS (RFC 8785) of UTF-8 JSON (the JCS suites' transformation).</summary>
    /// <exception cref="ProofTransformException">The JSON is not I-JSON (e.g. a number beyond double range).</exception>
    public static byte[] CanonicalizeJcs(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return Jcs.Canonicalize(utf8Json);
        }
        catch (JsonInputException e)
        {
            throw new ProofTransformException("JCS: " + e.Message, e);
        }
    }

    /// <summary>SHA-256 or SHA-384 of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data, RdfcHashAlgorithm hash) =>
        hash == RdfcHashAlgorithm.Sha384 ? SHA384.HashData(data) : Tradeproof.Cryptography.Hashing.Sha256.Hash(data);
}
