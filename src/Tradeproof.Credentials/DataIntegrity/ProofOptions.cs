using System.Buffers;
using System.Text.Json;

namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>
/// The options of a new proof (VC Data Integrity 1.0 §4.2 "Add Proof", <c>options</c>): which suite, which
/// key (<see cref="VerificationMethod"/>), why (<see cref="ProofPurpose"/>), and the optional members.
/// <see cref="Created"/> defaults to the engine's clock; set it for deterministic output.
/// </summary>
public sealed record ProofOptions
{
    /// <summary>The suite: a cryptosuite name (<c>eddsa-rdfc-2022</c>) or a legacy proof type (<c>Ed25519Signature2020</c>).</summary>
    public required string Cryptosuite { get; init; }

    /// <summary>The verification method URL (e.g. <c>did:key:z6Mk...#z6Mk...</c>).</summary>
    public required string VerificationMethod { get; init; }

    /// <summary>The proof purpose (default <see cref="ProofPurposes.AssertionMethod"/>).</summary>
    public string ProofPurpose { get; init; } = ProofPurposes.AssertionMethod;

    /// <summary><c>created</c>; null for the engine's clock. Use <see cref="OmitCreated"/> to leave it out.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Leave <c>created</c> out of the proof (it is optional in Data Integrity 1.0).</summary>
    public bool OmitCreated { get; init; }

    /// <summary><c>expires</c>, when the proof should expire.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary><c>id</c> of the proof (needed when later proofs chain to it).</summary>
    public string? Id { get; init; }

    /// <summary><c>domain</c> (one or more), typically for presentations.</summary>
    public IReadOnlyList<string>? Domain { get; init; }

    /// <summary><c>challenge</c>, typically for presentations.</summary>
    public string? Challenge { get; init; }

    /// <summary><c>nonce</c>.</summary>
    public string? Nonce { get; init; }

    /// <summary><c>previousProof</c>: ids of existing proofs this one chains to (VC Data Integrity 1.0 §2.1.2).</summary>
    public IReadOnlyList<string>? PreviousProof { get; init; }

    /// <summary>
    /// Writes the proof configuration for <paramref name="type"/>/<paramref name="cryptosuite"/> (VC Data Integrity
    /// 1.0 §4.2, cryptosuite "Proof Configuration" steps: type, cryptosuite, created, verificationMethod,
    /// proofPurpose, then the optional members), without <c>@context</c> and <c>proofValue</c>.
    /// </summary>
    public DataIntegrityProof ToConfiguration(string type, string? cryptosuite, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(VerificationMethod);
        ArgumentException.ThrowIfNullOrEmpty(ProofPurpose);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (Id is not null)
            {
                writer.WriteString("id", Id);
            }

            writer.WriteString("type", type);
            if (cryptosuite is not null)
            {
                writer.WriteString("cryptosuite", cryptosuite);
            }

            if (!OmitCreated)
            {
                writer.WriteString("created", DataIntegrityProof.FormatDateTime(Created ?? now));
            }

            if (Expires is { } expires)
            {
                writer.WriteString("expires", DataIntegrityProof.FormatDateTime(expires));
            }

            writer.WriteString("verificationMethod", VerificationMethod);
            writer.WriteString("proofPurpose", ProofPurpose);
            WriteStrings(writer, "domain", Domain);
            if (Challenge is not null)
            {
                writer.WriteString("challenge", Challenge);
            }

            if (Nonce is not null)
            {
                writer.WriteString("nonce", Nonce);
            }

            WriteStrings(writer, "previousProof", PreviousProof);
            writer.WriteEndObject();
        }

        return DataIntegrityProof.Parse(buffer.WrittenSpan);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        if (values.Count == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}

/// <summary>Proof purposes (VC Data Integrity 1.0 §2.2) and the verification relationship each requires.</summary>
public static class ProofPurposes
{
    /// <summary>Claims made by the issuer (credentials).</summary>
    public const string AssertionMethod = "assertionMethod";

    /// <summary>Authentication of the holder (presentations).</summary>
    public const string Authentication = "authentication";

    /// <summary>Capability invocation.</summary>
    public const string CapabilityInvocation = "capabilityInvocation";

    /// <summary>Capability delegation.</summary>
    public const string CapabilityDelegation = "capabilityDelegation";

    /// <summary>Key agreement (never a signing purpose; listed for completeness).</summary>
    public const string KeyAgreement = "keyAgreement";

    /// <summary>The verification relationship a verification method must be listed under for <paramref name="purpose"/>; null when unknown.</summary>
    public static string? RelationshipOf(string purpose) => purpose switch
    {
        AssertionMethod or Authentication or CapabilityInvocation or CapabilityDelegation => purpose,
        _ => null,
    };
}
