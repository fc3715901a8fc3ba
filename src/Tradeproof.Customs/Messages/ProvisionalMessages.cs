using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tradeproof.Customs.Intake;

namespace Tradeproof.Customs.Messages;

/// <summary>A party named in a message: its DID and a display name.</summary>
public sealed record MessageParty(string Did, string Name);

/// <summary>
/// Builds the unsigned ProvisionalMessageCredential of a decision (docs/vocabulary.md): status, time, the customs
/// authority (the issuer) and the filer, the entry number, the referenced presentation and credentials, the
/// reviewing agency and the reasons. The issuer signs it (the node: the tenant's key).
/// </summary>
public static class ProvisionalMessages
{
    /// <summary>The credential type.</summary>
    public const string CredentialType = "ProvisionalMessageCredential";

    /// <summary>The unsigned credential, UTF-8 JSON.</summary>
    public static byte[] Create(string id, CustomsDecision decision, MessageParty customs, MessageParty filer, string? presentationId, DateTimeOffset statusTime)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(customs);
        ArgumentNullException.ThrowIfNull(filer);
        var time = statusTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("@context");
            w.WriteStringValue("https://www.w3.org/ns/credentials/v2");
            w.WriteStringValue("https://w3id.org/traceability/v1");
            w.WriteStringValue("https://tradeproof.dev/contexts/trade/v1");
            w.WriteEndArray();
            w.WriteStartArray("type");
            w.WriteStringValue("VerifiableCredential");
            w.WriteStringValue(CredentialType);
            w.WriteEndArray();
            w.WriteString("id", id);
            w.WritePropertyName("issuer");
            Organization(w, customs);
            w.WriteString("validFrom", time);
            w.WriteStartObject("credentialSubject");
            w.WriteStartArray("type");
            w.WriteStringValue("ProvisionalMessage");
            w.WriteEndArray();
            w.WriteString("status", decision.Status.Name());
            w.WriteString("statusTime", time);
            w.WritePropertyName("customsAuthority");
            Organization(w, customs);
            w.WritePropertyName("filer");
            Organization(w, filer);
            if (decision.EntryNumber is not null)
            {
                w.WriteString("entryNumber", decision.EntryNumber);
            }

            if (presentationId is not null)
            {
                w.WriteString("referencedPresentation", presentationId);
            }

            var credentials = decision.ReferencedCredentials.Where(c => Uri.TryCreate(c, UriKind.Absolute, out _)).ToList();
            if (credentials.Count > 0)
            {
                w.WriteStartArray("referencedCredentials");
                foreach (var c in credentials)
                {
                    w.WriteStringValue(c);
                }

                w.WriteEndArray();
            }

            var agency = decision.Agencies.FirstOrDefault(a => a.Hold);
            if (decision.Status == ProvisionalStatus.HoldForAgencyReview)
            {
                w.WriteString("reviewingAgency", agency?.Agency ?? "PGA");
            }

            var reasons = decision.Reasons.ToList();
            if (reasons.Count == 0 && decision.Status is ProvisionalStatus.Rejected or ProvisionalStatus.HoldForAgencyReview)
            {
                reasons.Add(new CustomsReason("unspecified", "No reason was recorded."));
            }

            if (reasons.Count > 0)
            {
                w.WriteStartArray("reasons");
                foreach (var r in reasons)
                {
                    w.WriteStartObject();
                    w.WriteString("code", r.Code);
                    w.WriteString("message", r.Message);
                    if (r.Pointer is { Length: > 0 } p && p[0] == '/')
                    {
                        w.WriteString("pointer", p);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Organization(Utf8JsonWriter w, MessageParty party)
    {
        w.WriteStartObject();
        w.WriteStartArray("type");
        w.WriteStringValue("Organization");
        w.WriteEndArray();
        w.WriteString("id", party.Did);
        w.WriteString("name", party.Name);
        w.WriteEndObject();
    }

    /// <summary>The status of a provisional message credential, or null when it is not one.</summary>
    public static ProvisionalStatus? StatusOf(JsonElement credential) =>
        CredentialFields.Strings(credential, "type").Contains(CredentialType) ? ProvisionalStatusNames.Parse(CredentialFields.Str(credential, "credentialSubject", "status")) : null;
}

/// <summary>
/// When to try a delivery again: exponential backoff from <see cref="Initial"/>, doubling per failed attempt up to
/// <see cref="Maximum"/>; after <see cref="MaxAttempts"/> failures the message is given up (reported, kept).
/// No jitter: the schedule is deterministic (no randomness in libraries); deliveries are spread by their own timing.
/// </summary>
public sealed record DeliveryBackoff
{
    /// <summary>The wait after the first failure (default 250 ms).</summary>
    public TimeSpan Initial { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait (default 5 minutes).</summary>
    public TimeSpan Maximum { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before giving up (default 30).</summary>
    public int MaxAttempts { get; init; } = 30;

    /// <summary>The wait after <paramref name="failedAttempts"/> failures (1 or more), or null to give up.</summary>
    public TimeSpan? After(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (failedAttempts >= MaxAttempts)
        {
            return null;
        }

        var ticks = Initial.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 40));
        return ticks >= Maximum.Ticks ? Maximum : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// Whether a recipient's HTTP answer refuses the message for good, so that it is given up at once instead of retried:
    /// every 4xx (RFC 9110 section 15.5: the request itself is at fault, sending it again will not change the answer;
    /// e.g. 422 when the recipient's verifier or trust registry refuses a credential) except 401 Unauthorized (a cached
    /// access token the recipient no longer takes: the sender drops it and fetches a new one on the next attempt),
    /// 408 Request Timeout, 425 Too Early (RFC 8470) and 429 Too Many Requests (RFC 6585), which ask for a later retry.
    /// 5xx (also the recipient's 503 for a presentation it could not verify now) and connection failures are retried
    /// with the backoff.
    /// </summary>
    public static bool IsRefusal(int httpStatus) => httpStatus is >= 400 and < 500 and not (401 or 408 or 425 or 429);
}
