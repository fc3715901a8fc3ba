using System.Text.Json;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>
/// A cryptosuite (VC Data Integrity 1.0 §3): a small unit that turns a document and a proof configuration
/// into a proof value and checks one. Everything around it (parsing, proof sets and chains, purposes,
/// times, domain and challenge, resolving the key) is done once by <see cref="DataIntegrityEngine"/>.
/// A suite throws <see cref="ProofTransformException"/> when transformation fails (JSON-LD, RDFC, JCS) and
/// returns a <see cref="Problem"/> (never throws) when a proof does not verify.
/// </summary>
public interface ICryptosuite
{
    /// <summary>
    /// The registry key: the <c>cryptosuite</c> value (<c>eddsa-rdfc-2022</c>) or, for the legacy suites that
    /// have none, the proof <c>type</c> (<c>Ed25519Signature2020</c>).
    /// </summary>
    string Name { get; }

    /// <summary>The proof <c>type</c> this suite writes: <c>DataIntegrityProof</c> or the legacy type.</summary>
    string ProofType { get; }

    /// <summary>The <c>cryptosuite</c> value this suite writes, or null for the legacy suites.</summary>
    string? CryptosuiteName { get; }

    /// <summary>True when the suite signs and verifies with keys of <paramref name="keyType"/>.</summary>
    bool SupportsKeyType(KeyType keyType);

    /// <summary>
    /// Creates a proof (the suite's "Create Proof" algorithm): from <see cref="ProofCreationContext.UnsecuredDocument"/>
    /// and <see cref="ProofCreationContext.ProofConfiguration"/>, returns the proof to attach (the configuration
    /// plus <c>proofValue</c> or <c>jws</c>, and <c>@context</c> where the suite keeps it).
    /// </summary>
    /// <exception cref="ProofTransformException">The document could not be transformed.</exception>
    DataIntegrityProof CreateProof(ProofCreationContext context);

    /// <summary>
    /// Verifies one proof (the suite's "Verify Proof" algorithm) with the already resolved public key. Returns
    /// null when the proof verifies, else the problem (usually <see cref="ProblemTypes.ProofVerificationError"/>).
    /// </summary>
    /// <exception cref="ProofTransformException">The document could not be transformed.</exception>
    Problem? VerifyProof(ProofVerificationContext context);
}

/// <summary>What a suite gets to create a proof.</summary>
public sealed class ProofCreationContext
{
    /// <summary>The document to secure, as UTF-8 JSON: without <c>proof</c>, or, for a chained proof, with
    /// <c>proof</c> set to the previous proofs it names (VC Data Integrity 1.0 §4.2 step 5).</summary>
    public required ReadOnlyMemory<byte> UnsecuredDocument { get; init; }

    /// <summary>The root of <see cref="UnsecuredDocument"/>, parsed.</summary>
    public required JsonElement Document { get; init; }

    /// <summary>The proof configuration built from the <see cref="ProofOptions"/> (no <c>@context</c>, no proof value).</summary>
    public required DataIntegrityProof ProofConfiguration { get; init; }

    /// <summary>The options the caller gave.</summary>
    public required ProofOptions Options { get; init; }

    /// <summary>The signing key.</summary>
    public required KeyPair Signer { get; init; }

    /// <summary>JSON-LD/RDFC/JCS transformations, with the engine's shared, cached, safe-mode JSON-LD options.</summary>
    public required ProofTransforms Transforms { get; init; }

    /// <summary>The engine's random source (for suites that need fresh randomness, e.g. ephemeral keys, HMAC keys).</summary>
    public required IRandomSource Random { get; init; }

    /// <summary>Cancellation.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>What a suite gets to verify a proof.</summary>
public sealed class ProofVerificationContext
{
    /// <summary>The secured document without <c>proof</c> as UTF-8 JSON or, for a chained proof, with <c>proof</c>
    /// set to the previous proofs this proof names (VC Data Integrity 1.0 §4.5).</summary>
    public required ReadOnlyMemory<byte> UnsecuredDocument { get; init; }

    /// <summary>
    /// The root of <see cref="UnsecuredDocument"/>, parsed. When not given, it is parsed from
    /// <see cref="UnsecuredDocument"/> on first use (the engine leaves it to the suites that read it).
    /// </summary>
    public JsonElement Document
    {
        get => _document ??= ParseUnsecured(UnsecuredDocument.Span);
        init => _document = value;
    }

    /// <summary>
    /// An element whose <c>@context</c> member is that of <see cref="Document"/> (the secured document, whose only
    /// other difference is <c>proof</c>), so that suites read the context without parsing the unsecured document.
    /// </summary>
    internal JsonElement? ContextSource { get; init; }

    /// <summary>See <see cref="ProofVerificationOptions.KeepEmbedded"/>: set only when <see cref="UnsecuredDocument"/> is the document without <c>proof</c>.</summary>
    internal Tradeproof.JsonLd.EmbeddedDocuments? KeepEmbedded { get; init; }

    /// <summary>See <see cref="ProofVerificationOptions.Embedded"/>: set only when <see cref="UnsecuredDocument"/> is the document without <c>proof</c>.</summary>
    internal EmbeddedDocument? Embedded { get; init; }

    /// <summary>The <c>@context</c> of <see cref="Document"/>, or null when it has none.</summary>
    internal JsonElement? DocumentContext =>
        (ContextSource ?? Document).TryGetProperty("@context", out var context) ? context : null;

    private JsonElement? _document;

    /// <summary>The proof to verify.</summary>
    public required DataIntegrityProof Proof { get; init; }

    /// <summary>The public key of the proof's verification method, already resolved and checked against its purpose.</summary>
    public required PublicKey PublicKey { get; init; }

    /// <summary>JSON-LD/RDFC/JCS transformations, with the engine's shared, cached, safe-mode JSON-LD options.</summary>
    public required ProofTransforms Transforms { get; init; }

    /// <summary>Cancellation.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Parses JSON the engine cut or wrote from a document that passed the strict parse: the strict checks would
    /// find nothing new, so only the element is built (one level deeper than the strict limit is allowed: a
    /// chained proof moves the previous proofs into a list).
    /// </summary>
    internal static JsonElement ParseUnsecured(ReadOnlySpan<byte> utf8Json) =>
        JsonElement.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = Tradeproof.Json.StrictJsonOptions.DefaultMaxDepth + 2 });
}

/// <summary>
/// A transformation failed (VC Data Integrity 1.0 PROOF_TRANSFORMATION_ERROR): JSON-LD safe-mode expansion
/// refused the document, RDFC hit its work limit, or JCS refused a value. The engine reports it as a problem.
/// </summary>
public sealed class ProofTransformException : Exception
{
    public ProofTransformException()
        : this("The document could not be transformed.")
    {
    }

    public ProofTransformException(string message)
        : base(message)
    {
    }

    public ProofTransformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
