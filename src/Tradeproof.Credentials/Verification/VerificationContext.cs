using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;

namespace Tradeproof.Credentials.Verification;

/// <summary>The state of one verification as it moves through the checks (one instance per call, never shared).</summary>
internal sealed class VerificationContext
{
    public VerificationContext(CredentialVerifier verifier, ReadOnlyMemory<byte> input, VerificationRequest request, DateTimeOffset now, JsonElement? parsed = null, EmbeddedDocument? expansion = null)
    {
        Verifier = verifier;
        Input = input;
        Parsed = parsed;
        Expansion = expansion;
        Request = request;
        Now = now;
    }

    public CredentialVerifier Verifier { get; }

    public VerifierOptions Options => Verifier.Options;

    public ReadOnlyMemory<byte> Input { get; }

    /// <summary>
    /// The strict parse of <see cref="Input"/> when the caller has it already: a credential embedded in a presentation
    /// is a value of the presentation's strict parse, made by this verifier with the same options (its depth counted
    /// from the presentation's root, so no less strict), and is not parsed again.
    /// </summary>
    public JsonElement? Parsed { get; }

    public VerificationRequest Request { get; }

    /// <summary>
    /// A credential embedded in a presentation: its expansion, kept by the presentation's proof verification
    /// (<see cref="ProofVerificationOptions.Embedded"/>), when the presentation's toRdf kept it.
    /// </summary>
    public EmbeddedDocument? Expansion { get; }

    /// <summary>A Data Integrity presentation: the expansions of its credentials kept by its proof verification.</summary>
    public Tradeproof.JsonLd.EmbeddedDocuments? KeptCredentials { get; set; }

    /// <summary>The verifier's clock, read once per verification.</summary>
    public DateTimeOffset Now { get; }

    public CredentialFormat Format { get; set; }

    public bool IsPresentation => Format.IsPresentation();

    /// <summary>The JSON document (Data Integrity) or the JWT payload (VC-JWT, VP-JWT, SD-JWT issuer payload).</summary>
    public JsonElement Document { get; set; }

    /// <summary>The compact token (JWT formats; for SD-JWT the whole presentation).</summary>
    public string? Token { get; set; }

    /// <summary>The issuer JWS (JWT formats).</summary>
    public CompactJws? Jws { get; set; }

    /// <summary>SD-JWT: the key binding JWT (empty when absent).</summary>
    public string SdJwtKeyBinding { get; set; } = "";

    public VerifiableCredential? Credential { get; set; }

    public VerifiablePresentation? Presentation { get; set; }

    /// <summary>The issuer (credentials) or holder (presentations).</summary>
    public string? Party { get; set; }

    /// <summary>The credential's types (SD-JWT VC: its <c>vct</c>).</summary>
    public IReadOnlyList<string> Types { get; set; } = [];

    /// <summary>The proof purpose expected for this input.</summary>
    public string ExpectedPurpose => IsPresentation ? Options.PresentationProofPurpose : Options.CredentialProofPurpose;

    /// <summary>Data Integrity: the parsed proofs, in document order.</summary>
    public List<DataIntegrityProof> Proofs { get; } = [];

    /// <summary>The verification methods named by the proofs (Data Integrity) or the <c>kid</c> (JWT), as absolute URLs.</summary>
    public List<string> MethodUrls { get; } = [];

    /// <summary>The methods resolved by the resolve check, by URL.</summary>
    public Dictionary<string, ResolvedVerificationMethod> Methods { get; } = new(StringComparer.Ordinal);

    /// <summary>Data Integrity: the engine's result (transform-and-verify), read again by the proof-set check.</summary>
    public DataIntegrityVerificationResult? ProofResults { get; set; }

    /// <summary>The verified claims (SD-JWT: processed payload).</summary>
    public JsonElement? Claims { get; set; }

    /// <summary>Results of the credentials inside a presentation.</summary>
    public List<VerificationResult> Embedded { get; } = [];

    /// <summary>The status lists used (URL and hash), for the receipt.</summary>
    public List<ReceiptEntry> StatusLists { get; } = [];

    /// <summary>The domain a presentation must name: the request's, else the options' list.</summary>
    public IReadOnlyList<string>? ExpectedDomains => Request.Domain is { } domain ? [domain] : Options.Domains;
}
