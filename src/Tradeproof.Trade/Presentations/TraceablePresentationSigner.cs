using System.Text.Encodings.Web;
using System.Text.Json;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;

namespace Tradeproof.Trade.Presentations;

/// <summary>
/// Signs traceable presentations as their holder: a Data Integrity proof with purpose <c>authentication</c> and the
/// receiving node's <c>challenge</c>/<c>domain</c> (VC Data Integrity 1.0 §2.1, the traceability API's presentation
/// exchange), or a VP-JWT (VC-JOSE-COSE §3.1.2) with the challenge as <c>nonce</c> and the domain as <c>aud</c>.
/// The verification method must be one of the holder's: a holder cannot be signed for by someone else.
/// </summary>
public sealed class TraceablePresentationSigner
{
    private readonly DataIntegrityEngine _engine;

    /// <summary>Creates a signer over a Data Integrity engine (its clock gives <c>created</c>).</summary>
    public TraceablePresentationSigner(DataIntegrityEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    /// <summary>Adds the holder's Data Integrity proof.</summary>
    /// <returns>The signed presentation, UTF-8 JSON.</returns>
    /// <exception cref="ArgumentException">Not a traceable presentation, the method is not the holder's, or the key does not suit the suite.</exception>
    /// <exception cref="ProofTransformException">The presentation cannot be canonicalized (a term no context defines).</exception>
    public byte[] Sign(ReadOnlyMemory<byte> presentation, KeyPair key, PresentationSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        CheckHolder(presentation, options.VerificationMethod, versions: null);
        return _engine.AddProof(presentation.Span, options.ToProofOptions(), key);
    }

    /// <summary>Secures the presentation as a VP-JWT (VC Data Model 2.0 only), adding <c>nonce</c> and <c>aud</c> when given.</summary>
    /// <returns>The compact JWS.</returns>
    /// <exception cref="ArgumentException">Not a 2.0 traceable presentation, or the method is not the holder's.</exception>
    public static string SignJwt(ReadOnlyMemory<byte> presentation, KeyPair key, PresentationSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        CheckHolder(presentation, options.VerificationMethod, [DataModelVersion.V2_0]);
        var payload = presentation;
        if (options.Challenge is not null || options.Domain is not null)
        {
            payload = WithClaims(presentation, options.Challenge, options.Domain);
        }

        return VcJose.IssuePresentation(payload.Span, key, options.VerificationMethod);
    }

    private static void CheckHolder(ReadOnlyMemory<byte> presentation, string verificationMethod, IReadOnlyList<DataModelVersion>? versions)
    {
        ArgumentException.ThrowIfNullOrEmpty(verificationMethod);
        var modelOptions = versions is null ? null : new DataModelOptions { Versions = versions };
        if (!TraceablePresentation.TryParse(presentation, modelOptions, out var parsed, out var problems))
        {
            throw new ArgumentException("Not a valid traceable presentation: " + string.Join("; ", problems), nameof(presentation));
        }

        if (!string.Equals(ControllerOf(verificationMethod), parsed!.Holder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The verification method {verificationMethod} is not one of the holder {parsed.Holder}'s.", nameof(verificationMethod));
        }
    }

    /// <summary>The DID a DID URL belongs to (before any <c>#</c>, <c>?</c> or path).</summary>
    internal static string ControllerOf(string didUrl)
    {
        var end = didUrl.IndexOfAny(['#', '?', '/']);
        return end < 0 ? didUrl : didUrl[..end];
    }

    private static byte[] WithClaims(ReadOnlyMemory<byte> presentation, string? nonce, string? audience)
    {
        using var document = JsonDocument.Parse(presentation);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name is not "nonce" and not "aud")
                {
                    member.WriteTo(writer);
                }
            }

            if (nonce is not null)
            {
                writer.WriteString("nonce", nonce);
            }

            if (audience is not null)
            {
                writer.WriteString("aud", audience);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
