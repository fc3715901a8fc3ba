using System.Text.Json;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Customs.Intake;
using Tradeproof.Customs.Messages;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node.Customs;

/// <summary>
/// Runs the code paths of a customs node's first filing once at start, so the first filer does not wait for them to
/// be compiled (JIT) and initialised: a provisional message credential issued (eddsa-jcs-2022) and a presentation
/// holding it signed, with a throwaway key; the presentation verified (did:key, no network); the assessment of its
/// credential and the decision's JSON; and one request through the delivery's HTTP client to this node's own
/// <c>/health</c> when the node's address is a loopback host. Nothing is written to the store, the node's random
/// source is not drawn from (fixed bytes), and failures are ignored (it is only a warm-up).
/// </summary>
/// <remarks>Measured with <c>benchmarks/customs/provisional-latency.sh</c> (docs/performance.md, "Provisional messages").</remarks>
internal static class CustomsWarmUp
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the warm-up; how long it took.</summary>
    public static async Task<TimeSpan> RunAsync(CustomsServices customs, HttpClient http, CancellationToken cancellationToken)
    {
        var started = customs.Node.Time.GetTimestamp();
        var random = new FixedBytes();
        using var key = KeyPair.FromSecretBytes(KeyType.Ed25519, [.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
        var did = "did:key:" + key.PublicKey.ToMultibase();
        var method = did + "#" + key.PublicKey.ToMultibase();

        // The decision, its JSON both ways, the provisional message issued.
        var decision = new CustomsDecision
        {
            Status = ProvisionalStatus.MayProceed,
            Reasons = [new CustomsReason(CustomsReasonCodes.TrustedTrader, "warm-up", "urn:uuid:00000000-0000-4000-8000-000000000001")],
            ReferencedCredentials = ["urn:uuid:00000000-0000-4000-8000-000000000001"],
        };
        var (read, _, _) = DecisionJson.Read(DecisionJson.ToJson(decision, did, []));
        var unsigned = ProvisionalMessages.Create("urn:uuid:00000000-0000-4000-8000-000000000002", read, new MessageParty(did, "warm-up"), new MessageParty(did, "warm-up"), "urn:uuid:00000000-0000-4000-8000-000000000003", At);
        var issued = await customs.Node.Issuer.IssueAsync(unsigned, key, new IssuanceOptions { VerificationMethod = method, Issuer = did, Cryptosuite = CustomsServices.Cryptosuite }, cancellationToken).ConfigureAwait(false);

        // The presentation delivered (as CustomsDelivery signs it), then verified as an intake would.
        var presentation = new TraceablePresentationBuilder(random).Build(new TraceablePresentationContent
        {
            Id = "urn:uuid:00000000-0000-4000-8000-000000000004",
            Holder = did,
            Definitions = ["https://w3id.org/traceability#us-cbp-entry"],
            Instances = ["urn:uuid:00000000-0000-4000-8000-000000000003"],
            Credentials = [issued.Utf8],
        });
        var signed = new TraceablePresentationSigner(customs.Node.Engine).Sign(presentation, key, new PresentationSigningOptions
        {
            VerificationMethod = method,
            Cryptosuite = CustomsServices.Cryptosuite,
            Challenge = "warm-up",
        });
        var verifier = new TraceablePresentationVerifier(customs.FreshVerifier());
        var verified = await verifier.VerifyAsync(signed, new VerificationRequest { Challenge = "warm-up" }, cancellationToken).ConfigureAwait(false);

        // The assessment of the credential (rules, routing) against an empty registry.
        using (var document = JsonDocument.Parse(issued.Utf8))
        {
            var credential = new ReceivedCredential(document.RootElement.Clone(), verified.Credentials.All(c => c.Verified), did, At);
            _ = new CustomsAssessor().Assess([credential], Tradeproof.Customs.Registry.TrustRegistry.Empty(did, At));
        }

        // The delivery's HTTP client: one request to this node itself, only on a loopback address.
        if (Uri.TryCreate(customs.Node.Identity.BaseUrl, UriKind.Absolute, out var self) && self.IsLoopback)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(self, "/health"), cancellationToken).ConfigureAwait(false);
                _ = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or another address: the rest is warm anyway.
            }
        }

        return customs.Node.Time.GetElapsedTime(started);
    }

    // Fixed bytes instead of the node's random source: the warm-up must not change what the node draws next.
    private sealed class FixedBytes : IRandomSource
    {
        public void Fill(Span<byte> destination) => destination.Fill(0x42);
    }
}
