using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Credentials.Verification;
using Tradeproof.Storage;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Node;

/// <summary>
/// <c>POST /organizations/{id}/presentations</c> (Traceability Interoperability): a TraceablePresentation signed with
/// a challenge this tenant issued (<c>POST /challenges</c>) is verified (every credential in it too), then kept in the
/// inbox with its credentials and results in one transaction: 202. A repeated presentation id is 409, an invalid
/// presentation 422.
/// </summary>
internal static class PresentationEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/organizations/{id}/presentations", SubmitAsync);

    private static async Task SubmitAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.SubmitPresentations).ConfigureAwait(false);
        var (root, bytes) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
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
        var verifier = new TraceablePresentationVerifier(services.VerifierFor(tenantId));
        var result = await verifier.VerifyAsync(bytes, new VerificationRequest { Challenge = challenge, Domain = domain }, context.RequestAborted).ConfigureAwait(false);
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

        var presentation = result.Presentation;
        await using (var unit = await services.Store.BeginAsync(context.RequestAborted).ConfigureAwait(false))
        {
            var received = await unit.Presentations.ReceiveAsync(
                tenantId,
                new PresentationRecord(presentation.Id, bytes, presentation.Holder, VerificationResultJson.ToJson(result.Verification), presentation.Replace),
                context.RequestAborted).ConfigureAwait(false);
            if (received == PresentationReceiveOutcome.Duplicate)
            {
                throw new ApiProblemException(ApiProblem.Conflict($"The presentation '{presentation.Id}' was received before."));
            }

            for (var i = 0; i < result.Verification.Credentials.Count; i++)
            {
                var credential = result.Verification.Credentials[i];
                if (credential.Credential is { Id: { } credentialId } vc)
                {
                    _ = await unit.Credentials.SaveAsync(
                        tenantId,
                        new CredentialRecord(credentialId, CredentialDirection.Received, "application/vc", vc.Utf8, credential.Party ?? vc.Issuer, VerificationResultJson.ToJson(credential)),
                        context.RequestAborted).ConfigureAwait(false);
                }
            }

            await unit.CommitAsync(context.RequestAborted).ConfigureAwait(false);
        }

        await JsonResponse.WriteAsync(context, 202, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", presentation.Id);
            w.WriteNumber("credentials", result.Verification.Credentials.Count);
            w.WriteEndObject();
        }).ConfigureAwait(false);
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
