using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Credentials.Verification;

namespace Tradeproof.Node;

/// <summary>
/// VC-API for a tenant: <c>POST /organizations/{id}/credentials/issue</c> (201, <see cref="IssueEndpoint"/>),
/// <c>/credentials/verify</c> and <c>/presentations/verify</c> (200 only when valid; an invalid credential is 422 with
/// the checks, never 200), <c>POST /challenges</c>, <c>GET /credentials/{credentialId}</c>, status
/// (<see cref="StatusEndpoints"/>), derive and prove (<see cref="HolderEndpoints"/>).
/// </summary>
internal static class CredentialEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/organizations/{id}/credentials/issue", IssueEndpoint.IssueAsync);
        app.MapPost("/organizations/{id}/credentials/verify", context => VerifyAsync(context, "verifiableCredential", Scopes.VerifyCredentials));
        app.MapPost("/organizations/{id}/presentations/verify", context => VerifyAsync(context, "verifiablePresentation", Scopes.VerifyPresentations));
        app.MapPost("/organizations/{id}/challenges", ChallengeAsync);
        app.MapGet("/organizations/{id}/credentials/{*credentialId}", GetAsync);
        StatusEndpoints.Map(app);
        HolderEndpoints.Map(app);
    }

    private static async Task VerifyAsync(HttpContext context, string member, string scope)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, scope, allowPublic: true).ConfigureAwait(false);
        var (root, _) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(member, out var secured) || secured.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"The body must be an object with '{member}' (a JSON object, or a compact JWT string)."));
        }

        string? challenge = null;
        string? domain = null;
        if (root.TryGetProperty("options", out var options))
        {
            if (options.ValueKind != JsonValueKind.Object)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("options must be an object."));
            }

            challenge = OptionalString(options, "challenge");
            domain = OptionalString(options, "domain");
        }

        // The credential's own bytes as sent (no round trip through a UTF-16 string).
        var input = secured.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(secured.GetString()!) : System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(secured).ToArray();
        var result = await services.VerifierFor(tenantId).VerifyAsync(input, new VerificationRequest { Challenge = challenge, Domain = domain }, context.RequestAborted).ConfigureAwait(false);
        if (result.Verified)
        {
            await JsonResponse.WriteAsync(context, 200, w =>
            {
                w.WriteStartObject();
                VerificationResultJson.WriteMembers(w, result);
                w.WriteEndObject();
            }).ConfigureAwait(false);
            return;
        }

        // VC-API: an invalid credential is never 200; the checks and VC DM 2.0 §7.1 problems go in the problem.
        throw new ApiProblemException(new ApiProblem(
            422,
            ApiProblem.TypeBase + (result.Outcome == VerificationOutcome.Invalid ? "verification-failed" : "verification-indeterminate"),
            result.Outcome == VerificationOutcome.Invalid ? "The credential or presentation is not valid." : "The credential or presentation could not be checked.",
            result.Checks.FirstOrDefault(c => c.Outcome is CheckOutcome.Failed or CheckOutcome.Indeterminate) is { } first ? $"The check '{first.Name}' did not pass." : null)
        {
            Problems = result.Problems,
            Extensions = w =>
            {
                w.WriteStartObject("verification");
                VerificationResultJson.WriteMembers(w, result);
                w.WriteEndObject();
            },
        });
    }

    private static async Task ChallengeAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.VerifyPresentations, allowPublic: true).ConfigureAwait(false);
        string? domain = null;
        if (context.Request.ContentLength is > 0 || context.Request.ContentType is not null)
        {
            var (root, _) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
            domain = root.ValueKind == JsonValueKind.Object ? OptionalString(root, "domain") : throw new ApiProblemException(ApiProblem.BadRequest("The body must be a JSON object."));
        }

        var (challenge, expires) = await services.IssueChallengeAsync(tenantId, domain, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteString("challenge", challenge);
            if (domain is not null)
            {
                w.WriteString("domain", domain);
            }

            w.WriteString("expires", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task GetAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.ReadCredentials).ConfigureAwait(false);
        var id = Uri.UnescapeDataString(JsonResponse.Route(context, "credentialId"));

        // Status list credentials are credentials of the tenant too (Traceability Interoperability): served by their URL.
        if (services.StatusLists.Parse(id) is { } list && list.TenantId == tenantId
            && await services.StatusLists.GetCredentialAsync(tenantId, list.ListName, context.RequestAborted).ConfigureAwait(false) is { } statusList)
        {
            await JsonResponse.WriteBytesAsync(context, 200, statusList, "application/vc+ld+json").ConfigureAwait(false);
            return;
        }

        var record = await services.Store.Credentials.GetAsync(tenantId, id, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"There is no credential '{id}'."));
        await JsonResponse.WriteBytesAsync(context, 200, record.Content, record.MediaType == "application/vc" ? "application/vc+ld+json" : record.MediaType).ConfigureAwait(false);
    }

    internal static JsonElement Member(JsonElement root, string name, JsonValueKind kind) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new ApiProblemException(ApiProblem.BadRequest($"The body must be an object with '{name}' ({kind.ToString().ToLowerInvariant()})."));

    private static string? OptionalString(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new ApiProblemException(ApiProblem.BadRequest($"'{name}' must be a string."));
}
