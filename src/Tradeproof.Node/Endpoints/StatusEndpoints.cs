using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Credentials.Jose;
using Tradeproof.Json;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// Status (Bitstring Status List v1.0 through the VC-API): <c>GET /organizations/{id}/status-lists/{list}</c> serves a
/// tenant's signed BitstringStatusListCredential without authentication (verifiers fetch it), and
/// <c>POST /organizations/{id}/credentials/status</c> (VC-API UpdateCredentialStatusRequest:
/// <c>{credentialId, credentialStatus: {type, statusPurpose}, status: true|false}</c>) revokes, suspends or
/// unsuspends a credential the tenant issued: 200, 404 for a credential it did not issue, 400 for a bad body,
/// 422 for a purpose the credential has no entry for or an attempt to undo a revocation (permanent). Honours
/// <c>Idempotency-Key</c> (<see cref="Idempotency"/>).
/// </summary>
internal static class StatusEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/organizations/{id}/status-lists/{listId}", GetListAsync);
        app.MapPost("/organizations/{id}/credentials/status", UpdateAsync);
    }

    private static async Task GetListAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        var listId = JsonResponse.Route(context, "listId");
        var credential = await services.StatusLists.GetCredentialAsync(tenantId, listId, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"There is no status list '{listId}'."));
        context.Response.Headers.CacheControl = "public, max-age=" + (TenantStatusLists.TtlMilliseconds / 1000).ToString(CultureInfo.InvariantCulture);
        await JsonResponse.WriteBytesAsync(context, 200, credential, "application/vc+ld+json").ConfigureAwait(false);
    }

    private static async Task UpdateAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.UpdateCredentials).ConfigureAwait(false);
        var (root, bytes) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var (credentialId, purpose, status) = ReadRequest(root);

        var target = await TargetAsync(services, tenantId, credentialId, purpose, status, context.RequestAborted).ConfigureAwait(false);
        var (url, index) = (target.Url, target.Index);
        await Idempotency.RunAsync(context, services.Store, tenantId, bytes, async unit =>
        {
            await SetAsync(unit, tenantId, target, status, context.RequestAborted).ConfigureAwait(false);

            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("credentialId", credentialId);
                w.WriteStartObject("credentialStatus");
                w.WriteString("type", "BitstringStatusListEntry");
                w.WriteString("statusPurpose", purpose);
                w.WriteString("statusListIndex", index.ToString(CultureInfo.InvariantCulture));
                w.WriteString("statusListCredential", url);
                w.WriteEndObject();
                w.WriteBoolean("status", status);
                w.WriteEndObject();
            }

            return new IdempotentResponse(200, "application/json", stream.ToArray());
        }, services.StatusChanged).ConfigureAwait(false);
    }

    /// <summary>
    /// The status entry a change of <paramref name="credentialId"/>'s <paramref name="purpose"/> status would set, with
    /// the endpoint's refusals (404 for a credential this tenant did not issue, 422 without such an entry or to undo a
    /// revocation). The dashboard's status page uses it too.
    /// </summary>
    internal static async ValueTask<StatusTarget> TargetAsync(NodeServices services, string tenantId, string credentialId, string purpose, bool status, CancellationToken cancellationToken)
    {
        var record = await services.Store.Credentials.GetAsync(tenantId, credentialId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Direction != CredentialDirection.Issued)
        {
            throw new ApiProblemException(ApiProblem.NotFound($"This organisation issued no credential '{credentialId}'."));
        }

        var (url, index) = EntryOf(record, purpose, services, tenantId)
            ?? throw new ApiProblemException(ApiProblem.Unprocessable("The credential has no such status entry.", $"'{credentialId}' was issued without a {purpose} entry of this organisation's lists (issue with options.credentialStatus)."));
        if (purpose == "revocation" && !status)
        {
            throw new ApiProblemException(ApiProblem.Unprocessable("A revocation cannot be undone.", "Revocation is permanent (Bitstring Status List §2.1); use a suspension entry for a reversible status."));
        }

        return new StatusTarget(url, services.StatusLists.Parse(url)!.Value.ListName, index);
    }

    /// <summary>Sets the entry's bit through <paramref name="unit"/> (the caller commits, then calls <see cref="NodeServices.StatusChanged"/>).</summary>
    internal static async ValueTask SetAsync(IStoreRepositories unit, string tenantId, StatusTarget target, bool status, CancellationToken cancellationToken)
    {
        if (!await unit.StatusLists.SetStatusAsync(tenantId, target.ListName, target.Index, status ? 1 : 0, cancellationToken).ConfigureAwait(false))
        {
            throw new StoreException(StoreErrorKind.Corrupt, $"The status list {target.Url} of an issued credential is missing.");
        }
    }

    private static (string CredentialId, string Purpose, bool Status) ReadRequest(JsonElement root)
    {
        const string Shape = "The body must be {credentialId, credentialStatus: {type: BitstringStatusListEntry, statusPurpose: revocation|suspension}, status: true|false}.";
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ApiProblemException(ApiProblem.BadRequest(Shape));
        }

        foreach (var member in root.EnumerateObject())
        {
            if (member.Name is not ("credentialId" or "credentialStatus" or "status"))
            {
                throw new ApiProblemException(ApiProblem.BadRequest($"'{member.Name}' is not a member of the request. " + Shape));
            }
        }

        if (!root.TryGetProperty("credentialId", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0
            || !root.TryGetProperty("status", out var status) || status.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
            || !root.TryGetProperty("credentialStatus", out var entry) || entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("statusPurpose", out var purpose) || purpose.ValueKind != JsonValueKind.String
            || (entry.TryGetProperty("type", out var type) && (type.ValueKind != JsonValueKind.String || type.GetString() is not ("BitstringStatusListEntry" or "BitstringStatusList"))))
        {
            throw new ApiProblemException(ApiProblem.BadRequest(Shape));
        }

        return purpose.GetString() is "revocation" or "suspension"
            ? (id.GetString()!, purpose.GetString()!, status.ValueKind == JsonValueKind.True)
            : throw new ApiProblemException(ApiProblem.BadRequest($"statusPurpose '{purpose.GetString()}' is not offered; use revocation or suspension."));
    }

    // The credential's own entry for the purpose, on one of this tenant's lists (read from the signed credential).
    internal static (string Url, int Index)? EntryOf(CredentialRecord record, string purpose, NodeServices services, string tenantId)
    {
        JsonElement credential;
        try
        {
            if (record.MediaType == VcJose.CredentialMediaType)
            {
                var token = System.Text.Encoding.ASCII.GetString(record.Content.Span).Split('.');
                credential = StrictJson.ParseElement(token.Length == 3 ? Cryptography.Encoding.Base64UrlStrict.TryDecode(token[1]) ?? [] : []);
            }
            else
            {
                credential = StrictJson.ParseElement(record.Content.Span);
            }
        }
        catch (JsonInputException)
        {
            return null;
        }

        if (credential.ValueKind != JsonValueKind.Object || !credential.TryGetProperty("credentialStatus", out var status))
        {
            return null;
        }

        foreach (var entry in status.ValueKind == JsonValueKind.Array ? status.EnumerateArray().ToList() : [status])
        {
            if (entry.ValueKind == JsonValueKind.Object
                && entry.TryGetProperty("statusPurpose", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == purpose
                && entry.TryGetProperty("statusListCredential", out var u) && u.ValueKind == JsonValueKind.String && services.StatusLists.Parse(u.GetString()!) is { } list && list.TenantId == tenantId
                && entry.TryGetProperty("statusListIndex", out var i) && i.ValueKind == JsonValueKind.String
                && int.TryParse(i.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < TenantStatusLists.Entries)
            {
                return (u.GetString()!, index);
            }
        }

        return null;
    }
}

/// <summary>A status entry of an issued credential on one of its tenant's lists.</summary>
internal sealed record StatusTarget(string Url, string ListName, int Index);
