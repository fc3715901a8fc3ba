using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tradeproof.Credentials.Verification;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Node;

/// <summary>
/// Traceability Interoperability presentation exchange, into the tenant's inbox through <see cref="PresentationIntake"/>
/// (inbox, credentials and twin events in one unit of work, then the post-commit handlers):
/// <list type="bullet">
/// <item><c>POST /organizations/{id}/presentations</c>: a TraceablePresentation signed with a challenge this tenant
/// issued (<c>POST /challenges</c>) is verified (every credential in it too) and stored: 202 <c>{id, credentials, twins}</c>.</item>
/// <item><c>POST /organizations/{id}/presentations/available</c>: a holder announces a presentation (a VP Request
/// <c>query</c>); the answer (200) is the query to satisfy with a fresh <c>challenge</c> and the <c>domain</c> (the
/// tenant's API base URL) to sign with.</item>
/// <item><c>POST /organizations/{id}/presentations/submissions</c>: the presentation of that exchange (the presentation
/// itself, or <c>{verifiablePresentation}</c>), signed with that challenge AND that domain: 200 with the verification
/// result.</item>
/// </list>
/// A repeated presentation id is 409 (before the challenge is spent), a presentation that does not verify or is not a
/// TraceablePresentation 422, and nothing is stored then.
/// </summary>
internal static class PresentationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/organizations/{id}/presentations", SubmitAsync);
        app.MapPost("/organizations/{id}/presentations/available", AvailableAsync);
        app.MapPost("/organizations/{id}/presentations/submissions", SubmissionAsync);
    }

    private static async Task SubmitAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.SubmitPresentations).ConfigureAwait(false);
        var (root, bytes) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var (result, received) = await ReceiveAsync(context, services, tenantId, root, bytes, expectedDomain: null).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 202, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", received.Presentation.Id);
            w.WriteNumber("credentials", result.Verification.Credentials.Count);
            w.WriteStartArray("twins");
            foreach (var twin in received.TwinIds)
            {
                w.WriteStringValue(twin);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // POST .../presentations/available: {query?} -> 200 {query, domain, challenge}
    private static async Task AvailableAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.SubmitPresentations).ConfigureAwait(false);
        JsonElement? query = null;
        if (context.Request.ContentLength is > 0 || context.Request.ContentType is not null)
        {
            var (root, _) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("The body must be a JSON object: {\"query\": [...]} (a VP Request query)."));
            }

            if (root.TryGetProperty("query", out var q))
            {
                if (q.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object) || (q.ValueKind == JsonValueKind.Array && q.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object)))
                {
                    throw new ApiProblemException(ApiProblem.BadRequest("'query' must be a query object or an array of query objects."));
                }

                query = q.Clone();
            }
        }

        Span<byte> random = stackalloc byte[32];
        services.Random.Fill(random);
        var challenge = Cryptography.Encoding.Base64UrlStrict.Encode(random);
        var domain = services.Identity.TenantEndpoint(tenantId);
        var expires = services.Time.GetUtcNow() + services.Options.ChallengeLifetime;
        await services.Store.Challenges.IssueAsync(tenantId, challenge, expires, domain, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("query");
            if (query is { ValueKind: JsonValueKind.Array } list)
            {
                foreach (var item in list.EnumerateArray())
                {
                    item.WriteTo(w);
                }
            }
            else if (query is { } single)
            {
                single.WriteTo(w);
            }
            else
            {
                w.WriteStartObject();
                w.WriteString("type", "QueryByExample");
                w.WriteStartArray("credentialQuery");
                w.WriteStartObject();
                w.WriteStartArray("type");
                w.WriteStringValue("VerifiableCredential");
                w.WriteEndArray();
                w.WriteString("reason", "Submit a TraceablePresentation of your credentials, signed with this challenge and domain, to " + domain + "/presentations/submissions.");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("domain", domain);
            w.WriteString("challenge", challenge);
            w.WriteString("expires", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // POST .../presentations/submissions: the presentation (or {verifiablePresentation}) -> 200 verification result
    private static async Task SubmissionAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.SubmitPresentations).ConfigureAwait(false);
        var (root, bytes) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("verifiablePresentation", out var wrapped))
        {
            if (wrapped.ValueKind != JsonValueKind.Object)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("'verifiablePresentation' must be a JSON object (a TraceablePresentation)."));
            }

            root = wrapped;
            bytes = Encoding.UTF8.GetBytes(wrapped.GetRawText());
        }

        var (result, _) = await ReceiveAsync(context, services, tenantId, root, bytes, services.Identity.TenantEndpoint(tenantId)).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            VerificationResultJson.WriteMembers(w, result.Verification);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>Verifies (challenge from the proof, consumed; the domain when one is expected) and stores through the intake.</summary>
    private static async Task<(TraceablePresentationVerificationResult Result, PresentationReceived Received)> ReceiveAsync(
        HttpContext context, NodeServices services, string tenantId, JsonElement root, byte[] bytes, string? expectedDomain)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("A TraceablePresentation is a JSON object with an 'id' (a UUID URN)."));
        }

        // A repeated id is a conflict whatever else is in the body: answer before spending the challenge on it.
        var id = idElement.GetString()!;
        if (await services.Store.Presentations.GetAsync(tenantId, id, context.RequestAborted).ConfigureAwait(false) is not null)
        {
            throw new ApiProblemException(ApiProblem.Conflict($"The presentation '{id}' was received before."));
        }

        var (challenge, domain) = ProofChallenge(root);
        if (expectedDomain is not null && (challenge is null || domain is null))
        {
            throw new ApiProblemException(ApiProblem.Unprocessable(
                "The presentation is not bound to this exchange.",
                "Sign the presentation with the challenge and domain from POST /presentations/available."));
        }

        var verifier = new TraceablePresentationVerifier(services.VerifierFor(tenantId));
        var request = new VerificationRequest { Challenge = challenge, Domain = expectedDomain ?? domain };
        var result = await verifier.VerifyAsync(bytes, request, context.RequestAborted).ConfigureAwait(false);
        if (!result.Verified || result.Presentation is null)
        {
            throw new ApiProblemException(new ApiProblem(422, ApiProblem.TypeBase + "verification-failed", "The presentation is not acceptable.", "It did not verify, or it is not a TraceablePresentation.")
            {
                Problems = [.. result.Problems, .. result.Credentials.SelectMany(c => c.Problems)],
                Extensions = w =>
                {
                    w.WriteStartObject("verification");
                    VerificationResultJson.WriteMembers(w, result.Verification);
                    w.WriteEndObject();
                },
            });
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tradeproof.Node.Intake");
        IntakeResult outcome;
        try
        {
            outcome = await new PresentationIntake(services, logger: logger).ReceiveAsync(tenantId, bytes, result, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (TwinAppendConflictException e)
        {
            throw new ApiProblemException(ApiProblem.Unavailable(e.Message + " Submit the presentation again."));
        }

        if (outcome.Outcome == IntakeOutcome.Duplicate || outcome.Received is null)
        {
            throw new ApiProblemException(ApiProblem.Conflict($"The presentation '{id}' was received before."));
        }

        return (result, outcome.Received);
    }

    // The challenge (and domain) the holder signed: the verifier then checks that this tenant issued it and consumes it.
    private static (string? Challenge, string? Domain) ProofChallenge(JsonElement root)
    {
        if (!root.TryGetProperty("proof", out var proof))
        {
            return (null, null);
        }

        var first = proof.ValueKind == JsonValueKind.Array ? proof.EnumerateArray().FirstOrDefault() : proof;
        if (first.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return (Text(first, "challenge"), Text(first, "domain"));
    }
}
