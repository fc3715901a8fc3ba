using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tradeproof.Credentials.Verification;
using Tradeproof.Storage;
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
/// TraceablePresentation 422 (503 with Retry-After when nothing failed but something could not be checked now), and
/// nothing is stored then.
/// </summary>
internal static class PresentationEndpoints
{
    /// <summary>The Retry-After of a presentation that could not be verified now (an unreachable did:web host or status list).</summary>
    private const int IndeterminateRetryAfterSeconds = 30;

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
        LogEndpoints.AddLogIndexOnStarting(context, Transparency.LogEntryKind.Presentation, tenantId, root);
        if (Idempotency.ReadKey(context.Request) is null)
        {
            var (result, received) = await ReceiveAsync(context, services, tenantId, root, bytes, expectedDomain: null).ConfigureAwait(false);
            await JsonResponse.WriteBytesAsync(context, 202, Receipt(received, result), "application/json").ConfigureAwait(false);
            return;
        }

        // With an Idempotency-Key: the key is claimed, the submission stored and its 202 kept in one unit of work; a
        // replay answers the stored 202 (a repeated id without the key stays 409). Verification runs before the unit of
        // work (it consumes the challenge through the store); its refusal is answered only when the key is not a replay,
        // since a replay's challenge is spent and its id taken. The answer is held back until the handlers ran.
        TraceablePresentationVerificationResult? verified = null;
        ApiProblemException? refusal = null;
        try
        {
            var existing = await services.Store.Presentations.GetAsync(tenantId, PresentationId(root), context.RequestAborted).ConfigureAwait(false);
            verified = await VerifyAsync(context, services, tenantId, root, bytes, expectedDomain: null, existing is not null).ConfigureAwait(false);
        }
        catch (ApiProblemException e) when (e.Problem.Status is 409 or 422)
        {
            refusal = e;
        }

        var intake = Intake(context, services);
        var prepared = refusal is null && verified is not null ? intake.Prepare(tenantId, bytes, verified) : null;
        PresentationReceived? stored = null;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await Idempotency.RunAsync(context, services.Store, tenantId, bytes, async unit =>
            {
                if (refusal is not null || verified is null || prepared is null)
                {
                    throw refusal ?? new ApiProblemException(ApiProblem.Internal());
                }

                stored = await StoreAsync(intake, unit, prepared, context.RequestAborted).ConfigureAwait(false);
                return new IdempotentResponse(202, "application/json", Receipt(stored, verified));
            }).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (stored is not null)
        {
            await intake.RunHandlersAsync(stored, context.RequestAborted).ConfigureAwait(false);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Receipt(PresentationReceived received, TraceablePresentationVerificationResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
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
        }

        return stream.ToArray();
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

        var domain = services.Identity.TenantEndpoint(tenantId);
        var (challenge, expires) = await services.IssueChallengeAsync(tenantId, domain, context.RequestAborted).ConfigureAwait(false);
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

    /// <summary>Verifies (challenge from the proof, consumed; the domain when one is expected) and stores through the intake in its own unit of work.</summary>
    private static async Task<(TraceablePresentationVerificationResult Result, PresentationReceived Received)> ReceiveAsync(
        HttpContext context, NodeServices services, string tenantId, JsonElement root, byte[] bytes, string? expectedDomain)
    {
        var id = PresentationId(root);
        var intake = Intake(context, services);

        // The challenge is consumed in the transaction that stores the submission (one durable commit, not two). When
        // it cannot be (unknown, expired, or spent meanwhile by a concurrent twin), nothing is written and the
        // presentation is verified again the ordinary way, which consumes it or answers the verifier's own 422.
        // A repeated id is 409 as before, without a read ahead of every submission: the intake finds the duplicate in
        // the unit of work (nothing written, the challenge not spent: the unit or its savepoint is rolled back), and a
        // presentation refused by the verification is looked up then, so that a repeated one stays 409 whatever else
        // is wrong with it.
        TraceablePresentationVerificationResult result;
        PresentationReceived? received;
        try
        {
            var deferred = new DeferredChallenge();
            using (StoreChallengeAdapter.Defer(deferred))
            {
                result = await VerifyAsync(context, services, tenantId, root, bytes, expectedDomain, alreadyReceived: false).ConfigureAwait(false);
            }

            received = await StoreInOwnUnitAsync(services, intake, tenantId, bytes, result, deferred, context.RequestAborted).ConfigureAwait(false);
            if (received is null)
            {
                result = await VerifyAsync(context, services, tenantId, root, bytes, expectedDomain, alreadyReceived: false).ConfigureAwait(false);
                received = await StoreInOwnUnitAsync(services, intake, tenantId, bytes, result, new DeferredChallenge(), context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (ApiProblemException e) when (e.Problem.Status != 409)
        {
            if (await services.Store.Presentations.GetAsync(tenantId, id, context.RequestAborted).ConfigureAwait(false) is not null)
            {
                throw new ApiProblemException(ApiProblem.Conflict($"The presentation '{id}' was received before."));
            }

            throw;
        }

        await intake.RunHandlersAsync(received!, context.RequestAborted).ConfigureAwait(false);
        return (result, received!);
    }

    // The submission's writes: the deferred challenge first, then the intake's writes, committed before this returns;
    // null (nothing written) when the challenge could not be consumed. On SQLite concurrent submissions share one
    // commit (GroupCommit: one fsync for the group, each in its own savepoint, so a duplicate or a failure stays its
    // own); on PostgreSQL each has its own unit of work. What does not depend on the store (result JSON, twin events)
    // is prepared here, on the request's thread, before the unit of work: the group's leader runs only the statements.
    private static async Task<PresentationReceived?> StoreInOwnUnitAsync(NodeServices services, PresentationIntake intake, string tenantId, byte[] bytes, TraceablePresentationVerificationResult result, DeferredChallenge challenge, CancellationToken cancellationToken)
    {
        var prepared = intake.Prepare(tenantId, bytes, result);
        if (GroupCommit.AppliesTo(services.Store))
        {
            return await GroupCommit.For(services.Store).RunAsync((unit, ct) => StoreInUnitAsync(intake, unit, prepared, challenge, ct), cancellationToken).ConfigureAwait(false);
        }

        await using var own = await services.Store.BeginAsync(cancellationToken).ConfigureAwait(false);
        var received = await StoreInUnitAsync(intake, own, prepared, challenge, cancellationToken).ConfigureAwait(false);
        if (received is not null)
        {
            await own.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return received;
    }

    private static async ValueTask<PresentationReceived?> StoreInUnitAsync(PresentationIntake intake, IStoreTransaction unit, PreparedSubmission prepared, DeferredChallenge challenge, CancellationToken cancellationToken) =>
        await challenge.ConsumeAsync(unit, cancellationToken).ConfigureAwait(false)
            ? await StoreAsync(intake, unit, prepared, cancellationToken).ConfigureAwait(false)
            : null;

    private static PresentationIntake Intake(HttpContext context, NodeServices services) =>
        new(services, logger: context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tradeproof.Node.Intake"));

    private static string PresentationId(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : throw new ApiProblemException(ApiProblem.BadRequest("A TraceablePresentation is a JSON object with an 'id' (a UUID URN)."));

    /// <summary>The checks before any write: a repeated id is 409 (before the challenge is spent), then the verification (422).</summary>
    private static async Task<TraceablePresentationVerificationResult> VerifyAsync(
        HttpContext context, NodeServices services, string tenantId, JsonElement root, byte[] bytes, string? expectedDomain, bool alreadyReceived)
    {
        var id = PresentationId(root);
        if (alreadyReceived)
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
        var result = await verifier.VerifyAsync(bytes, root, services.Body.Json, request, context.RequestAborted).ConfigureAwait(false);
        if (!result.Verified || result.Presentation is null)
        {
            // Nothing failed but something could not be checked now (a did:web host or a status list unreachable, the
            // trust registry not consulted): 503 with Retry-After, so that the sender tries again later (RFC 9110
            // sections 15.6.4 and 10.2.3) instead of taking a refusal; anything that failed outright stays 422.
            var couldNotCheck = result.Presentation is not null && result.Problems.Count == 0
                && result.Verification.Outcome != VerificationOutcome.Invalid
                && result.Credentials.All(c => c.Outcome != VerificationOutcome.Invalid);
            throw new ApiProblemException(new ApiProblem(
                couldNotCheck ? 503 : 422,
                ApiProblem.TypeBase + (couldNotCheck ? "verification-indeterminate" : "verification-failed"),
                couldNotCheck ? "The presentation could not be verified now." : "The presentation is not acceptable.",
                couldNotCheck ? "Something it relies on could not be checked (see problems); send it again later." : "It did not verify, or it is not a TraceablePresentation.")
            {
                RetryAfterSeconds = couldNotCheck ? IndeterminateRetryAfterSeconds : null,
                Problems = [.. result.Problems, .. result.Credentials.SelectMany(c => c.Problems)],
                Extensions = w =>
                {
                    w.WriteStartObject("verification");
                    VerificationResultJson.WriteMembers(w, result.Verification);
                    w.WriteEndObject();
                },
            });
        }

        return result;
    }

    /// <summary>The intake's writes in the unit; a duplicate (a concurrent twin of this request won) is 409, a contended twin 503.</summary>
    private static async Task<PresentationReceived> StoreAsync(PresentationIntake intake, IStoreTransaction unit, PreparedSubmission prepared, CancellationToken cancellationToken)
    {
        IntakeResult outcome;
        try
        {
            outcome = await intake.StoreAsync(unit, prepared, cancellationToken).ConfigureAwait(false);
        }
        catch (TwinAppendConflictException e)
        {
            throw new ApiProblemException(ApiProblem.Unavailable(e.Message + " Submit the presentation again."));
        }

        return outcome.Received ?? throw new ApiProblemException(ApiProblem.Conflict($"The presentation '{prepared.Verification.Presentation!.Id}' was received before."));
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
