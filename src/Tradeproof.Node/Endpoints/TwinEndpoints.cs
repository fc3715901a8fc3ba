using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Storage;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node;

/// <summary>
/// Digital twin and inbox read APIs (issue #7 item 4). Twins (scope <c>read:twins</c>): search, state (what, who, where,
/// issues), timeline (business-time order) and the stored event stream (version order), each paged. Inbox (scope
/// <c>read:presentations</c>): received presentations in arrival order, and one with its verification and credentials.
/// Another tenant's twin or presentation is 404, like an unknown one.
/// </summary>
internal static class TwinEndpoints
{
    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 100;

    /// <summary>How many twins one search request inspects at most (a search without <c>subject</c> scans streams in order).</summary>
    public const int MaxScannedTwins = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/organizations/{id}/twins", SearchAsync);
        app.MapGet("/organizations/{id}/twins/{twinId}", GetAsync);
        app.MapGet("/organizations/{id}/twins/{twinId}/timeline", TimelineAsync);
        app.MapGet("/organizations/{id}/twins/{twinId}/events", EventsAsync);
        app.MapGet("/organizations/{id}/inbox", InboxAsync);
        app.MapGet("/organizations/{id}/inbox/{presentationId}", InboxEntryAsync);
    }

    // GET /organizations/{id}/twins?subject=&type=&q=&after=&limit=
    private static async Task SearchAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.ReadTwins).ConfigureAwait(false);
        var limit = Limit(context);
        var subject = QueryParameters.Text(context, "subject");
        var type = QueryParameters.Text(context, "type");
        var q = QueryParameters.Text(context, "q");
        var after = QueryParameters.Text(context, "after");
        var store = services.Store;
        var ct = context.RequestAborted;

        // Candidates: the twins sharing an event with the subject, or every twin in stream order.
        IReadOnlyList<string> candidates;
        var exhausted = false;
        if (subject is not null)
        {
            candidates = [.. (await store.TwinEvents.FindStreamsBySubjectAsync(tenantId, subject, ct).ConfigureAwait(false))
                .Where(s => after is null || string.CompareOrdinal(s, after) > 0).Take(MaxScannedTwins)];
            exhausted = true;
        }
        else
        {
            candidates = await store.TwinEvents.ListStreamsAsync(tenantId, after, MaxScannedTwins, ct).ConfigureAwait(false);
            exhausted = candidates.Count < MaxScannedTwins;
        }

        var matches = new List<(TwinState Twin, long Version)>();
        string? last = null;
        foreach (var streamId in candidates)
        {
            last = streamId;
            var stored = await store.TwinEvents.ReadStreamAsync(tenantId, streamId, 1, int.MaxValue, ct).ConfigureAwait(false);
            var events = Parse(stored);
            var twinId = TwinIdOf(streamId, events);
            if (twinId is null)
            {
                continue;
            }

            var twin = TwinProjector.Project(twinId, events);
            if ((type is null || Has(twin, type)) && (q is null || Matches(twin, q)))
            {
                matches.Add((twin, stored.Count));
                if (matches.Count == limit)
                {
                    break;
                }
            }
        }

        var more = last is not null && (last != candidates[^1] || !exhausted);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("twins");
            foreach (var (twin, version) in matches)
            {
                WriteSummary(w, twin, version);
            }

            w.WriteEndArray();
            w.WriteNumber("count", matches.Count);
            if (more)
            {
                w.WriteString("next", last);
            }
            else
            {
                w.WriteNull("next");
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // GET /organizations/{id}/twins/{twinId}: the state.
    private static async Task GetAsync(HttpContext context)
    {
        var (twinId, stored, events) = await LoadAsync(context).ConfigureAwait(false);
        var twin = TwinProjector.Project(twinId, events);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            TwinStateJson.WriteMembers(w, twin);
            w.WriteNumber("version", stored.Count);
            w.WriteNumber("events", twin.Timeline.Count);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // GET .../twins/{twinId}/timeline?offset=&limit=: distinct events in business-time order.
    private static async Task TimelineAsync(HttpContext context)
    {
        var (twinId, _, events) = await LoadAsync(context).ConfigureAwait(false);
        var offset = (int)QueryParameters.Number(context, "offset", 0, 0, int.MaxValue);
        var limit = Limit(context);
        var timeline = TwinProjector.Project(twinId, events).Timeline;
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", twinId);
            w.WriteNumber("total", timeline.Count);
            w.WriteNumber("offset", offset);
            w.WriteStartArray("events");
            foreach (var e in timeline.Skip(offset).Take(limit))
            {
                TwinEventJson.Write(w, e);
            }

            w.WriteEndArray();
            if (offset + limit < timeline.Count)
            {
                w.WriteNumber("next", offset + limit);
            }
            else
            {
                w.WriteNull("next");
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // GET .../twins/{twinId}/events?from=&limit=: the stored stream, version order.
    private static async Task EventsAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.ReadTwins).ConfigureAwait(false);
        var twinId = TwinId(context);
        var from = QueryParameters.Number(context, "from", 1, 1, long.MaxValue);
        var limit = Limit(context);
        var streamId = TwinStreams.StreamId(twinId);
        var version = await services.Store.TwinEvents.GetVersionAsync(tenantId, streamId, context.RequestAborted).ConfigureAwait(false);
        if (version == 0)
        {
            throw new ApiProblemException(ApiProblem.NotFound($"No twin '{twinId}'."));
        }

        var page = await services.Store.TwinEvents.ReadStreamAsync(tenantId, streamId, from, limit, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", twinId);
            w.WriteNumber("version", version);
            w.WriteStartArray("events");
            foreach (var e in page)
            {
                w.WriteStartObject();
                w.WriteNumber("version", e.Version);
                w.WriteString("recordedAt", TwinStateJson.Time(e.RecordedAt));
                w.WritePropertyName("event");
                w.WriteRawValue(e.PayloadJson, skipInputValidation: true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            var next = page.Count > 0 ? page[^1].Version + 1 : from;
            if (next <= version)
            {
                w.WriteNumber("next", next);
            }
            else
            {
                w.WriteNull("next");
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // GET /organizations/{id}/inbox?after=&limit=
    private static async Task InboxAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.ReadPresentations).ConfigureAwait(false);
        var after = QueryParameters.Number(context, "after", 0, 0, long.MaxValue);
        var limit = Limit(context);
        var page = await services.Store.Presentations.ListAsync(tenantId, after, limit + 1, context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("presentations");
            foreach (var entry in page.Take(limit))
            {
                var p = entry.Presentation;
                w.WriteStartObject();
                w.WriteNumber("sequence", entry.Sequence);
                w.WriteString("id", p.Id);
                w.WriteString("holder", p.HolderId);
                w.WriteString("receivedAt", TwinStateJson.Time(p.ReceivedAt));
                w.WriteString("replaces", p.ReplacesId);
                var (outcome, verified, credentials) = Summary(p.VerificationResultJson);
                w.WriteString("outcome", outcome);
                w.WriteBoolean("verified", verified);
                w.WriteNumber("credentials", credentials);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (page.Count > limit)
            {
                w.WriteNumber("next", page[limit - 1].Sequence);
            }
            else
            {
                w.WriteNull("next");
            }

            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    // GET /organizations/{id}/inbox/{presentationId}
    private static async Task InboxEntryAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.ReadPresentations).ConfigureAwait(false);
        var presentationId = Uri.UnescapeDataString(JsonResponse.Route(context, "presentationId"));
        var ct = context.RequestAborted;
        var p = await services.Store.Presentations.GetAsync(tenantId, presentationId, ct).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"No presentation '{presentationId}' in the inbox."));
        var replacedBy = await services.Store.Presentations.ListReplacementsAsync(tenantId, presentationId, ct).ConfigureAwait(false);
        var credentials = new List<CredentialRecord>();
        foreach (var credentialId in EmbeddedCredentialIds(p.Content))
        {
            if (await services.Store.Credentials.GetAsync(tenantId, credentialId, ct).ConfigureAwait(false) is { } record)
            {
                credentials.Add(record);
            }
        }

        await JsonResponse.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", p.Id);
            w.WriteString("holder", p.HolderId);
            w.WriteString("receivedAt", TwinStateJson.Time(p.ReceivedAt));
            w.WriteString("replaces", p.ReplacesId);
            w.WriteStartArray("replacedBy");
            foreach (var r in replacedBy)
            {
                w.WriteStringValue(r.Id);
            }

            w.WriteEndArray();
            w.WritePropertyName("verification");
            WriteRawOrNull(w, p.VerificationResultJson);
            w.WriteStartArray("credentials");
            foreach (var c in credentials)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("issuer", c.IssuerId);
                w.WriteString("storedAt", TwinStateJson.Time(c.StoredAt));
                w.WritePropertyName("verification");
                WriteRawOrNull(w, c.VerificationResultJson);
                w.WritePropertyName("credential");
                if (c.MediaType == "application/vc")
                {
                    w.WriteRawValue(c.Content.Span, skipInputValidation: true);
                }
                else
                {
                    w.WriteStringValue(System.Text.Encoding.UTF8.GetString(c.Content.Span));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("presentation");
            w.WriteRawValue(p.Content.Span, skipInputValidation: true);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task<(string TwinId, IReadOnlyList<StoredTwinEvent> Stored, IReadOnlyList<TwinEvent> Events)> LoadAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.ReadTwins).ConfigureAwait(false);
        var twinId = TwinId(context);
        var stored = await services.Store.TwinEvents.ReadStreamAsync(tenantId, TwinStreams.StreamId(twinId), 1, int.MaxValue, context.RequestAborted).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            throw new ApiProblemException(ApiProblem.NotFound($"No twin '{twinId}'."));
        }

        return (twinId, stored, Parse(stored));
    }

    private static List<TwinEvent> Parse(IReadOnlyList<StoredTwinEvent> stored)
    {
        try
        {
            return [.. stored.Select(e => TwinEventJson.Parse(e.PayloadJson))];
        }
        catch (TwinEventFormatException e)
        {
            throw new StoreException(StoreErrorKind.Corrupt, "A stored twin event does not parse.", e);
        }
    }

    // The identifier whose stream this is: the stream id itself, or (for hashed ids) the subject the events share.
    private static string? TwinIdOf(string streamId, IReadOnlyList<TwinEvent> events)
    {
        if (events.Count == 0)
        {
            return null;
        }

        if (events[0].SubjectIds.Contains(streamId, StringComparer.Ordinal))
        {
            return streamId;
        }

        return events[0].SubjectIds.FirstOrDefault(s => TwinStreams.StreamId(s) == streamId);
    }

    // A twin id from the path: routing leaves an encoded slash (%2F) encoded.
    private static string TwinId(HttpContext context)
    {
        var raw = JsonResponse.Route(context, "twinId");
        var id = raw.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(raw) : raw;
        if (id.Length == 0 || id.Length > 2048)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("A twin id is 1 to 2048 characters."));
        }

        return id;
    }

    private static void WriteSummary(Utf8JsonWriter w, TwinState twin, long version)
    {
        w.WriteStartObject();
        w.WriteString("id", twin.Id);
        w.WriteString("description", twin.Description);
        w.WriteStartArray("hsCodes");
        foreach (var code in twin.HsCodes)
        {
            w.WriteStringValue(code);
        }

        w.WriteEndArray();
        w.WriteString("owner", twin.Owner?.Key);
        w.WriteString("custodian", twin.Custodian?.Key);
        w.WriteString("location", twin.Location?.ToString());
        w.WriteNumber("events", twin.Timeline.Count);
        w.WriteNumber("version", version);
        w.WriteStartArray("issues");
        foreach (var code in twin.Issues.Select(i => i.Code).Distinct(StringComparer.Ordinal))
        {
            w.WriteStringValue(code);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    // type: a credential type behind an event (MillTestReportCredential) or an event type (custodyTransferred).
    private static bool Has(TwinState twin, string type) => twin.Timeline.Any(e =>
        string.Equals(e.Source.CredentialType, type, StringComparison.Ordinal) || string.Equals(TwinEventJson.TypeName(e.Type), type, StringComparison.Ordinal));

    // q: case-insensitive text in the id, descriptions, HS codes, attributes, parties, origins and places.
    private static bool Matches(TwinState twin, string q)
    {
        IEnumerable<string?> texts =
        [
            twin.Id, .. twin.Descriptions, .. twin.HsCodes, .. twin.Attributes.Select(a => a.Value), .. twin.Origins.Select(o => o.Country),
            twin.Owner?.Id, twin.Owner?.Name, twin.Custodian?.Id, twin.Custodian?.Name, twin.Location?.ToString(), .. twin.Issuers,
            .. twin.CustodyChain.Concat(twin.OwnershipChain).SelectMany(t => new[] { t.From?.Name, t.From?.Id, t.To.Name, t.To.Id }),
        ];
        return texts.Any(t => t is not null && t.Contains(q, StringComparison.OrdinalIgnoreCase));
    }

    private static (string Outcome, bool Verified, int Credentials) Summary(string? verificationJson)
    {
        if (verificationJson is null)
        {
            return ("unknown", false, 0);
        }

        try
        {
            using var document = JsonDocument.Parse(verificationJson);
            var root = document.RootElement;
            var outcome = root.TryGetProperty("outcome", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "unknown";
            var verified = root.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True;
            var count = root.TryGetProperty("credentials", out var c) && c.ValueKind == JsonValueKind.Array ? c.GetArrayLength() : 0;
            return (outcome, verified, count);
        }
        catch (JsonException)
        {
            return ("unknown", false, 0);
        }
    }

    // The ids the intake stored the presentation's credentials under (PresentationIntake.CredentialId).
    private static List<string> EmbeddedCredentialIds(ReadOnlyMemory<byte> presentation)
    {
        var ids = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(presentation);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("verifiableCredential", out var list))
            {
                return ids;
            }

            foreach (var item in list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : Enumerable.Repeat(list, 1))
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    ids.Add(id.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // A stored presentation that does not parse lists no credentials; the raw bytes are still returned.
        }

        return ids;
    }

    private static void WriteRawOrNull(Utf8JsonWriter w, string? json)
    {
        if (json is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(json, skipInputValidation: true);
        }
    }

    private static int Limit(HttpContext context) => (int)QueryParameters.Number(context, "limit", DefaultLimit, 1, MaxLimit);
}
