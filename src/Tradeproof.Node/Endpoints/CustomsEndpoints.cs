using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tradeproof.Customs.Agencies;
using Tradeproof.Customs.Registry;
using Tradeproof.Node.Customs;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// The customs single window (issue #8), under <c>/organizations/{id}/customs/</c>: the profile (customs or agency),
/// the signed trust registry (show, allow, deny, recognise, import), the agency routing rules, partner clients, the
/// decisions on filings, the provisional messages (the outbox), and the G2G exchange. Wiring: the intake handler and
/// the delivery service start with the node. See docs/customs.md.
/// </summary>
internal static class CustomsEndpoints
{
    /// <summary>The most outbox messages one page of <c>GET .../customs/messages</c> lists (and its default).</summary>
    public const int MessagePageLimit = 200;

    /// <summary>Maps the customs endpoints and starts the outbox delivery with the node; returns the services (the dashboard's outbox page uses them).</summary>
    public static CustomsServices Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var node = app.ServiceProvider.GetRequiredService<NodeServices>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Tradeproof.Customs");
        var customs = new CustomsServices(node) { Logger = logger };

        // Before the first request: which customs tenants' verifiers consult their trust registry.
        customs.LoadTrustPoliciesAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        node.AddPresentationReceivedHandler(new CustomsIntakeHandler(customs, logger));
        var delivery = new CustomsDelivery(customs, logger, app.ServiceProvider.GetService<NodeMetrics>()?.Meter);
        var lifetime = app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() => delivery.StartAsync(CancellationToken.None).GetAwaiter().GetResult());
        lifetime.ApplicationStopping.Register(() =>
        {
            delivery.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            delivery.Dispose();
        });

        const string Base = "/organizations/{id}/customs";
        app.MapGet(Base + "/profile", c => Handle(c, customs, Scopes.ReadCustoms, GetProfileAsync));
        app.MapPut(Base + "/profile", c => Handle(c, customs, Scopes.ManageCustoms, PutProfileAsync));
        app.MapGet(Base + "/registry", c => Handle(c, customs, Scopes.ReadCustoms, GetRegistryAsync));
        app.MapPut(Base + "/registry", c => Handle(c, customs, Scopes.ManageCustoms, ImportRegistryAsync));
        app.MapPost(Base + "/registry/allow", c => Handle(c, customs, Scopes.ManageCustoms, (c2, s, t) => EditAsync(c2, s, t, "allow")));
        app.MapPost(Base + "/registry/deny", c => Handle(c, customs, Scopes.ManageCustoms, (c2, s, t) => EditAsync(c2, s, t, "deny")));
        app.MapPost(Base + "/registry/recognise", c => Handle(c, customs, Scopes.ManageCustoms, (c2, s, t) => EditAsync(c2, s, t, "recognise")));
        app.MapPost(Base + "/registry/unrecognise", c => Handle(c, customs, Scopes.ManageCustoms, (c2, s, t) => EditAsync(c2, s, t, "unrecognise")));
        app.MapGet(Base + "/policy", c => Handle(c, customs, Scopes.ReadCustoms, GetPolicyAsync));
        app.MapPut(Base + "/policy", c => Handle(c, customs, Scopes.ManageCustoms, PutPolicyAsync));
        app.MapGet(Base + "/routes", c => Handle(c, customs, Scopes.ReadCustoms, GetRoutesAsync));
        app.MapPut(Base + "/routes", c => Handle(c, customs, Scopes.ManageCustoms, PutRoutesAsync));
        app.MapPost(Base + "/partners", c => Handle(c, customs, Scopes.ManageCustoms, PostPartnerAsync));
        app.MapGet(Base + "/messages", c => Handle(c, customs, Scopes.ReadCustoms, GetMessagesAsync));
        app.MapPost(Base + "/messages/{messageId}/resend", c => Handle(c, customs, Scopes.ManageCustoms, ResendAsync));
        app.MapGet(Base + "/filings/{*presentationId}", c => Handle(c, customs, Scopes.ReadCustoms, GetFilingAsync));
        app.MapPost(Base + "/exchange", c => Handle(c, customs, Scopes.ManageCustoms, ExchangeAsync));
        return customs;
    }

    private static async Task Handle(HttpContext context, CustomsServices customs, string scope, Func<HttpContext, CustomsServices, string, Task> work)
    {
        var tenantId = JsonResponse.Route(context, "id");
        await customs.Node.AuthorizeAsync(context, tenantId, scope).ConfigureAwait(false);
        try
        {
            await work(context, customs, tenantId).ConfigureAwait(false);
        }
        catch (TrustRegistryException e)
        {
            throw new ApiProblemException(ApiProblem.Unprocessable("The customs document is not acceptable.", e.Message));
        }
        catch (ArgumentException e)
        {
            throw new ApiProblemException(ApiProblem.BadRequest(e.Message));
        }
    }

    private static async Task GetProfileAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var profile = await customs.ProfileAsync(tenantId, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound("This organisation has no customs profile."));
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("role", profile.Role);
            w.WriteString("name", profile.Name);
            w.WriteString("country", profile.Country);
            w.WriteString("agency", profile.Agency);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task PutProfileAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var (root, _) = await customs.Node.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var profile = new CustomsProfile(Text(root, "role", required: true)!, Text(root, "name", required: true)!, Text(root, "country"), Text(root, "agency"));
        await customs.SaveProfileAsync(tenantId, profile, context.RequestAborted).ConfigureAwait(false);
        await GetProfileAsync(context, customs, tenantId).ConfigureAwait(false);
    }

    private static async Task GetRegistryAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        long? version = null;
        if (context.Request.Query.TryGetValue("version", out var text))
        {
            version = long.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : throw new ApiProblemException(ApiProblem.BadRequest("version must be a whole number >= 1."));
        }

        var found = await customs.RegistryAsync(tenantId, version, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound(version is null ? "This organisation has no trust registry yet." : $"No trust registry version {version}."));
        context.Response.Headers.ETag = "\"" + found.Record.Version.ToString(CultureInfo.InvariantCulture) + "\"";
        await JsonResponse.WriteBytesAsync(context, 200, found.Record.Content, "application/json").ConfigureAwait(false);
    }

    // PUT: the body (a registry document, signed or not, of any authority) becomes the next version, signed by this tenant.
    private static async Task ImportRegistryAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var (_, bytes) = await customs.Node.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var imported = TrustRegistry.Parse(bytes);
        await SaveEditAsync(context, customs, tenantId, _ => imported).ConfigureAwait(false);
    }

    private static async Task EditAsync(HttpContext context, CustomsServices customs, string tenantId, string action)
    {
        var (root, _) = await customs.Node.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var now = customs.Node.Time.GetUtcNow();
        Func<TrustRegistry, TrustRegistry> edit = action switch
        {
            "allow" => r => r.Allow(Text(root, "issuer", true)!, Strings(root, "credentialTypes") ?? throw new ArgumentException("credentialTypes is required."), now, Strings(root, "countries"), Strings(root, "roles"), Text(root, "note")),
            "deny" => r => r.Deny(Text(root, "issuer", true)!, Strings(root, "credentialTypes") ?? [TrustEntry.AnyType], now, Text(root, "note")),
            "unrecognise" => r => r.Unrecognise(Text(root, "partner", true)!, now),
            _ => r => r.Recognise(new MutualRecognition(Text(root, "partner", true)!, Text(root, "country", true)!, Text(root, "programme") ?? "AEO", Text(root, "recognisedAs") ?? "CTPAT"), now),
        };
        await SaveEditAsync(context, customs, tenantId, edit).ConfigureAwait(false);
    }

    private static async Task SaveEditAsync(HttpContext context, CustomsServices customs, string tenantId, Func<TrustRegistry, TrustRegistry> edit)
    {
        var (saved, registry) = await customs.EditRegistryAsync(tenantId, edit, context.RequestAborted).ConfigureAwait(false);
        if (!saved)
        {
            throw new ApiProblemException(new ApiProblem(409, ApiProblem.TypeBase + "registry-changed", "The trust registry changed under the edit.", "Another edit landed first; read the registry and try again."));
        }

        var stored = await customs.RegistryAsync(tenantId, registry.Version, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.ETag = "\"" + registry.Version.ToString(CultureInfo.InvariantCulture) + "\"";
        await JsonResponse.WriteBytesAsync(context, 200, stored!.Value.Record.Content, "application/json").ConfigureAwait(false);
    }

    // GET /policy[?version=N]: the admissibility policy overlay as kept (ETag = version), 404 when none (the catalogue's default applies).
    private static async Task GetPolicyAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        long? version = null;
        if (context.Request.Query.TryGetValue("version", out var text))
        {
            version = long.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : throw new ApiProblemException(ApiProblem.BadRequest("version must be a whole number >= 1."));
        }

        var record = await customs.Node.Store.Customs.GetDocumentAsync(tenantId, CustomsServices.PolicyKind, version, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound(version is null ? "No admissibility policy: the rule catalogue's default applies." : $"No admissibility policy version {version}."));
        context.Response.Headers.ETag = "\"" + record.Version.ToString(CultureInfo.InvariantCulture) + "\"";
        await JsonResponse.WriteBytesAsync(context, 200, record.Content, "application/json").ConfigureAwait(false);
    }

    // PUT /policy: a policy overlay (prohibitedOrigins, usmcaCountries, deMinimis, coldChain), validated, kept as the next version.
    private static async Task PutPolicyAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var (_, bytes) = await customs.Node.Body.ReadJsonAsync(context).ConfigureAwait(false);
        try
        {
            _ = Trade.Rules.AdmissibilityPolicy.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        }
        catch (Trade.Rules.RuleDataException e)
        {
            throw new ApiProblemException(ApiProblem.Unprocessable("The admissibility policy is not acceptable.", e.Message));
        }

        var version = await customs.SavePolicyAsync(tenantId, bytes, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.ETag = "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";
        await JsonResponse.WriteBytesAsync(context, 200, bytes, "application/json").ConfigureAwait(false);
    }

    private static async Task GetRoutesAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var routes = await customs.RoutesAsync(tenantId, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteBytesAsync(context, 200, routes.ToJson(), "application/json").ConfigureAwait(false);
    }

    private static async Task PutRoutesAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var (_, bytes) = await customs.Node.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var routes = AgencyRoutingRules.Parse(bytes);
        await customs.SaveRoutesAsync(tenantId, routes, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteBytesAsync(context, 200, routes.ToJson(), "application/json").ConfigureAwait(false);
    }

    private static async Task PostPartnerAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var (root, _) = await customs.Node.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var partner = new PartnerClient(Text(root, "did", true)!, Text(root, "clientId", true)!, Text(root, "clientSecret", true)!);
        await customs.AddPartnerAsync(tenantId, partner, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("did", partner.Did);
            w.WriteString("clientId", partner.ClientId);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task GetMessagesAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var filing = context.Request.Query["filing"].ToString();
        var kind = context.Request.Query["kind"].ToString();
        var state = context.Request.Query["state"].ToString();
        if (state.Length > 0 && state is not (OutboxStates.Pending or OutboxStates.Delivered or OutboxStates.Failed))
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"state must be {OutboxStates.Pending}, {OutboxStates.Delivered} or {OutboxStates.Failed}."));
        }

        // Keyset paging, newest first: ?limit= (1-200, default 200) and ?before= the previous page's "next".
        var limit = (int)QueryParameters.Number(context, "limit", MessagePageLimit, 1, MessagePageLimit);
        var before = QueryParameters.OptionalNumber(context, "before", 1, long.MaxValue);
        var messages = await customs.Node.Store.Customs.ListMessagesAsync(
            tenantId, filing.Length == 0 ? null : filing, kind.Length == 0 ? null : kind, state.Length == 0 ? null : state, limit + 1, before, context.RequestAborted).ConfigureAwait(false);
        var more = messages.Count > limit;
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("messages");
            foreach (var m in messages.Take(limit))
            {
                WriteMessage(w, m);
            }

            w.WriteEndArray();
            if (more)
            {
                w.WriteNumber("next", messages[limit - 1].Sequence);
            }
            else
            {
                w.WriteNull("next");
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // POST /messages/{id}/resend: a given-up message queued again (attempts from 0, the reason it was given up kept in
    // its lastError) -> 202 with the message; 404 unknown, 409 when it is pending or delivered.
    private static async Task ResendAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var id = Uri.UnescapeDataString(JsonResponse.Route(context, "messageId"));
        var (outcome, message) = await customs.ResendAsync(tenantId, id, context.RequestAborted).ConfigureAwait(false);
        switch (outcome)
        {
            case ResendOutcome.NotFound:
                throw new ApiProblemException(ApiProblem.NotFound($"No outbox message '{id}'."));
            case ResendOutcome.NotGivenUp:
                throw new ApiProblemException(new ApiProblem(409, ApiProblem.TypeBase + "message-not-given-up", "Only a given-up message can be re-sent.",
                    $"The message '{id}' is {message?.State ?? "gone"}: a pending message is retried anyway, a delivered one was acknowledged by its recipient."));
            default:
                await JsonResponse.WriteAsync(context, 202, w => WriteMessage(w, message!)).ConfigureAwait(false);
                break;
        }
    }

    private static void WriteMessage(Utf8JsonWriter w, OutboxMessageRecord m)
    {
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteNumber("sequence", m.Sequence);
        w.WriteString("kind", m.Kind);
        w.WriteString("recipient", m.Recipient);
        w.WriteString("filing", m.Filing);
        w.WriteString("status", m.Status);
        w.WriteString("state", m.State);
        w.WriteNumber("attempts", m.Attempts);
        w.WriteString("lastError", m.LastError);
        w.WriteString("createdAt", m.CreatedAt);
        if (m.DeliveredAt is { } delivered)
        {
            w.WriteString("deliveredAt", delivered);
        }
        else
        {
            w.WriteString("nextAttemptAt", m.NextAttemptAt);
        }

        w.WritePropertyName("credentials");
        using var content = JsonDocument.Parse(m.Content);
        content.RootElement.WriteTo(w);
        w.WriteEndObject();
    }

    private static async Task GetFilingAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var id = Uri.UnescapeDataString(JsonResponse.Route(context, "presentationId"));
        var filing = await customs.Node.Store.Customs.GetFilingAsync(tenantId, id, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"No decision on '{id}'."));
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("presentationId", filing.PresentationId);
            w.WriteString("updatedAt", filing.UpdatedAt);
            w.WritePropertyName("decision");
            using var decision = JsonDocument.Parse(filing.DecisionJson);
            decision.RootElement.WriteTo(w);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // G2G: { "recipient": DID, "credentialIds": [ids of credentials this tenant issued or received] } -> queued, 202.
    private static async Task ExchangeAsync(HttpContext context, CustomsServices customs, string tenantId)
    {
        var (root, _) = await customs.Node.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var recipient = Text(root, "recipient", true)!;
        var ids = Strings(root, "credentialIds") ?? throw new ArgumentException("credentialIds is required.");
        var credentials = new List<ReadOnlyMemory<byte>>();
        foreach (var id in ids)
        {
            var record = await customs.Node.Store.Credentials.GetAsync(tenantId, id, context.RequestAborted).ConfigureAwait(false)
                ?? throw new ApiProblemException(ApiProblem.NotFound($"No credential '{id}'."));
            credentials.Add(record.Content);
        }

        var messageId = await customs.EnqueueAsync(tenantId, CustomsIntakeHandler.ExchangeKind, recipient, null, null, credentials, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 202, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", messageId);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static string? Text(JsonElement root, string name, bool required = false)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v))
        {
            return v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : throw new ArgumentException($"{name} must be a non-empty string.");
        }

        return required ? throw new ArgumentException($"{name} is required.") : null;
    }

    private static List<string>? Strings(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String)
            ? [.. v.EnumerateArray().Select(i => i.GetString()!)]
            : throw new ArgumentException($"{name} must be an array of strings.");
    }
}
