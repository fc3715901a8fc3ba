using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>What the node learns about one request on its way: the route template, tenant, client (from a valid
/// access token), and the verification outcome; read by the request log, the metrics and the rate limiter.</summary>
internal sealed class RequestObservation
{
    public string? Route { get; set; }

    public string? Tenant { get; set; }

    public string? Client { get; set; }

    public string? VerificationKind { get; set; }

    public string? VerificationOutcome { get; set; }

    public string? PresentationOutcome { get; set; }
}

/// <summary>
/// The request log line and the request metrics. <see cref="OuterAsync"/> wraps the whole pipeline (the exception
/// handler included, so it sees the final status); <see cref="InnerAsync"/> runs after routing: it notes the route
/// template and tenant, finds the client from the bearer token (validated, cached until expiry), and classifies
/// verification outcomes and store failures from the exceptions the endpoints throw.
/// </summary>
internal sealed partial class RequestObserver(NodeServices services, NodeMetrics metrics, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("Tradeproof.Node.Requests");

    public async Task OuterAsync(HttpContext context, RequestDelegate next)
    {
        var started = services.Time.GetTimestamp();
        var observation = new RequestObservation();
        context.Features.Set(observation);
        var failed = false;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            Record(context, observation, failed ? 500 : context.Response.StatusCode, services.Time.GetElapsedTime(started));
        }
    }

    public async Task InnerAsync(HttpContext context, RequestDelegate next)
    {
        var observation = context.Features.Get<RequestObservation>();
        if (observation is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (context.GetEndpoint() is RouteEndpoint endpoint)
        {
            observation.Route = endpoint.RoutePattern.RawText;
            if (observation.Route?.StartsWith("/organizations/{id}", StringComparison.Ordinal) == true && context.Request.RouteValues["id"] is string tenant)
            {
                observation.Tenant = NodeIdentity.IsValidTenantId(tenant) ? tenant : "(invalid)";
            }
        }

        observation.Client = (await ClaimsAsync(context).ConfigureAwait(false))?.ClientId;
        var kind = VerificationKindOf(observation.Route);
        try
        {
            await next(context).ConfigureAwait(false);
            if (kind is not null && context.Response.StatusCode is >= 200 and < 300)
            {
                (observation.VerificationKind, observation.VerificationOutcome) = (kind, "verified");
            }

            if (IsInbox(context, observation.Route))
            {
                observation.PresentationOutcome = context.Response.StatusCode is >= 200 and < 300 ? "accepted" : "refused";
            }
        }
        catch (ApiProblemException e)
        {
            var type = e.Problem.Type;
            if (kind is not null && type.StartsWith(ApiProblem.TypeBase + "verification-", StringComparison.Ordinal))
            {
                (observation.VerificationKind, observation.VerificationOutcome) = (kind, type.EndsWith("indeterminate", StringComparison.Ordinal) ? "indeterminate" : "failed");
            }

            if (IsInbox(context, observation.Route))
            {
                observation.PresentationOutcome = e.Problem.Status switch { 409 => "duplicate", 422 => "rejected", _ => "refused" };
            }

            throw;
        }
        catch (StoreException e)
        {
            metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>("kind", e.Kind.ToString()));
            throw;
        }
    }

    /// <summary>The verified claims of the request's bearer token, or null (none, or not valid).</summary>
    public async ValueTask<AccessTokenClaims?> ClaimsAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7 || header.Length > 8192)
        {
            return null;
        }

        var token = header[7..].Trim();
        try
        {
            // AccessTokens.Validate caches validated tokens until they expire.
            return services.Tokens.Validate(token, await services.NodePublicKeyAsync(context.RequestAborted).ConfigureAwait(false));
        }
        catch (StoreException)
        {
            return null; // the endpoint meets the same failure and answers it
        }
    }

    private static string? VerificationKindOf(string? route) => route switch
    {
        null => null,
        _ when route.EndsWith("/credentials/verify", StringComparison.Ordinal) => "credential",
        _ when route.EndsWith("/presentations/verify", StringComparison.Ordinal) || IsInboxRoute(route) => "presentation",
        _ => null,
    };

    private static bool IsInboxRoute(string? route) =>
        route is "/organizations/{id}/presentations" or "/organizations/{id}/presentations/submissions";

    private static bool IsInbox(HttpContext context, string? route) => IsInboxRoute(route) && HttpMethods.IsPost(context.Request.Method);

    private void Record(HttpContext context, RequestObservation observation, int status, TimeSpan elapsed)
    {
        var route = observation.Route ?? "(unmatched)";
        var method = context.Request.Method;
        var statusText = status.ToString(CultureInfo.InvariantCulture);
        var tags = new TagList
        {
            { "route", route },
            { "method", method },
            { "status", statusText },
        };
        metrics.Requests.Add(1, tags);
        metrics.RequestDuration.Record(elapsed.TotalSeconds, tags);
        if (observation.VerificationOutcome is { } outcome)
        {
            metrics.Verifications.Add(1, new KeyValuePair<string, object?>("kind", observation.VerificationKind), new KeyValuePair<string, object?>("outcome", outcome));
        }

        if (observation.PresentationOutcome is { } received)
        {
            metrics.PresentationsReceived.Add(1, new KeyValuePair<string, object?>("outcome", received));
        }

        if (_log.IsEnabled(LogLevel.Information))
        {
            LogRequest(_log, method, route, status, Math.Round(elapsed.TotalMilliseconds, 3), observation.Tenant ?? "-", observation.Client ?? "-", context.Connection.RemoteIpAddress?.ToString() ?? "-", TraceId(context));
        }
    }

    // The W3C trace id: the request's Activity when one runs, else a well-formed incoming traceparent's, else the
    // server's request id.
    private static string TraceId(HttpContext context)
    {
        if (Activity.Current is { } activity && activity.TraceId != default)
        {
            return activity.TraceId.ToHexString();
        }

        var parent = context.Request.Headers["traceparent"].ToString();
        if (parent.Length == 55 && parent[2] == '-' && parent[35] == '-' && parent[52] == '-' && parent.AsSpan(3, 32).ContainsAnyExcept("0123456789abcdef") == false)
        {
            return parent.Substring(3, 32);
        }

        return context.TraceIdentifier;
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Method} {Route} {Status} {DurationMs} ms tenant={Tenant} client={Client} remote={Remote} trace={TraceId}")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double durationMs, string tenant, string client, string remote, string traceId);
}
