using System.Text.Json;
using Tradeproof.Credentials.Verification;

namespace Tradeproof.Trade.Twins;

/// <summary>
/// Turns credential bytes into a <see cref="ReceivedCredential"/> by running the library's verifier
/// (<see cref="CredentialVerifier"/>: proof, issuer binding, validity, status when configured). Never throws
/// on bad input: unreadable or unverifiable input is a ReceivedCredential that did not verify, with the reasons.
/// </summary>
public static class CredentialIntake
{
    /// <summary>Verifies one credential and records the outcome, the issuer and the time received.</summary>
    public static async ValueTask<ReceivedCredential> VerifyAsync(CredentialVerifier verifier, ReadOnlyMemory<byte> utf8, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var result = await verifier.VerifyAsync(utf8, null, cancellationToken).ConfigureAwait(false);
        var json = Parse(utf8);
        var problems = result.Verified ? [] : Describe(result);
        return new ReceivedCredential(json, result.Verified, result.Party ?? ReceivedCredential.IssuerOf(json), receivedAt, problems);
    }

    /// <summary>
    /// Verifies the credentials embedded in a presentation's <c>verifiableCredential</c> one by one (the
    /// presentation's own proof is the caller's business: rules judge the goods, not the envelope).
    /// </summary>
    public static async ValueTask<IReadOnlyList<ReceivedCredential>> VerifyEmbeddedAsync(CredentialVerifier verifier, JsonElement presentation, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var list = new List<ReceivedCredential>();
        if (presentation.ValueKind != JsonValueKind.Object || !presentation.TryGetProperty("verifiableCredential", out var credentials))
        {
            return list;
        }

        var items = credentials.ValueKind == JsonValueKind.Array ? [.. credentials.EnumerateArray()] : new List<JsonElement> { credentials };
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                list.Add(await VerifyAsync(verifier, System.Text.Encoding.UTF8.GetBytes(item.GetRawText()), receivedAt, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                list.Add(new ReceivedCredential(item.Clone(), false, null, receivedAt, ["an embedded credential must be a JSON object"]));
            }
        }

        return list;
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static List<string> Describe(VerificationResult result)
    {
        var problems = result.Problems.Select(p => p.Detail is null ? p.Title : $"{p.Title} ({p.Detail})").ToList();
        return problems.Count > 0 ? problems : [$"verification outcome {result.Outcome}"];
    }
}
