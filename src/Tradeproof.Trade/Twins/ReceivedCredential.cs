using System.Text.Json;

namespace Tradeproof.Trade.Twins;

/// <summary>
/// A credential as the twins and rules see it: its JSON, whether it verified (proof and issuer binding,
/// decided by the caller's verifier), the issuer DID, when it was received, and the verification problems.
/// Only verified credentials give twin events.
/// </summary>
public sealed record ReceivedCredential
{
    /// <summary>Creates the record.</summary>
    public ReceivedCredential(JsonElement json, bool verified, string? issuer, DateTimeOffset receivedAt, IReadOnlyList<string>? problems = null)
    {
        Json = json;
        Verified = verified;
        Issuer = issuer;
        ReceivedAt = receivedAt;
        Problems = problems ?? [];
    }

    /// <summary>The credential (a JSON object).</summary>
    public JsonElement Json { get; }

    /// <summary>True when the credential verified.</summary>
    public bool Verified { get; }

    /// <summary>The issuer DID (the <c>issuer</c> or <c>issuer.id</c>).</summary>
    public string? Issuer { get; }

    /// <summary>When it was received.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Why it did not verify (empty when it did).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The credential's <c>id</c>, if it has one.</summary>
    public string? Id => CredentialJson.String(Json, "id");

    /// <summary>The credential's types (the <c>type</c> member).</summary>
    public IReadOnlyList<string> Types => CredentialJson.Strings(Json, "type");

    /// <summary>The first type other than VerifiableCredential.</summary>
    public string? PrimaryType => Types.FirstOrDefault(t => t != "VerifiableCredential");

    /// <summary>The issuer's name when the issuer is an object with one.</summary>
    public string? IssuerName => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("issuer", out var i) ? CredentialJson.String(i, "name") : null;

    /// <summary>The credential subjects (one or many).</summary>
    public IReadOnlyList<JsonElement> Subjects => CredentialJson.Objects(Json, "credentialSubject");

    /// <summary>The issuer id of a credential's JSON: <c>issuer</c> as a string or <c>issuer.id</c>.</summary>
    public static string? IssuerOf(JsonElement credential)
    {
        if (credential.ValueKind != JsonValueKind.Object || !credential.TryGetProperty("issuer", out var issuer))
        {
            return null;
        }

        return issuer.ValueKind == JsonValueKind.String ? issuer.GetString() : CredentialJson.String(issuer, "id");
    }
}
