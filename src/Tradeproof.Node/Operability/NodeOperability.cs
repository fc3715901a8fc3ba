using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Tradeproof.Node;

/// <summary>Operability: OpenAPI and Swagger UI, metrics, rate limiting, structured logs, HTTPS (issue #7).</summary>
internal static class NodeOperability
{
    private static readonly string[] Unlimited = ["/health", "/ready", "/metrics"];

    /// <summary>Registers the services (before the app is built): listening rules and the TLS certificate, Kestrel's
    /// limits, logging, metrics, the rate limiter and the outermost request observer.</summary>
    public static void AddServices(WebApplicationBuilder builder, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Operability;
        var node = builder.Services.Select(d => d.ImplementationInstance).OfType<NodeServices>().FirstOrDefault()
            ?? throw new InvalidOperationException("NodeServices must be registered before the operability services.");

        if (builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urls && NodeTls.CheckUrls(urls, o.AllowRemoteHttp))
        {
            var certificate = NodeTls.ServerCertificate(options, node.Time, node.Random);
            builder.Services.AddSingleton(new NodeCertificate(certificate));
            builder.WebHost.UseKestrelHttpsConfiguration(); // the slim builder leaves HTTPS out
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestHeadersTotalSize = o.MaxRequestHeadersBytes;
            k.Limits.MaxRequestHeaderCount = o.MaxRequestHeaders;
            k.Limits.MaxRequestLineSize = o.MaxRequestLineBytes;
            k.Limits.RequestHeadersTimeout = o.RequestHeadersTimeout;
            k.Limits.KeepAliveTimeout = o.KeepAliveTimeout;
            k.Limits.MaxConcurrentConnections = o.MaxConnections;
        });

        // Console output never blocks a request: when the reader is slow, log lines are dropped.
        builder.Services.Configure<ConsoleLoggerOptions>(c => c.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite);
        if (o.LogFormat == NodeLogFormat.Json)
        {
            builder.Logging.AddJsonConsole(j =>
            {
                j.UseUtcTimestamp = true;
                j.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        if (o.RequestLogging)
        {
            builder.Logging.AddFilter("Tradeproof.Node.Requests", LogLevel.Information);
        }

        builder.Services.AddMetrics();
        builder.Services.AddSingleton<NodeMetrics>();
        builder.Services.AddSingleton(sp => new PrometheusExporter(sp.GetRequiredService<NodeMetrics>().Meter, runtimeMetrics: true));
        builder.Services.AddSingleton<RequestObserver>();
        builder.Services.AddSingleton<IStartupFilter, ObserverStartupFilter>();
        if (o.RateLimitEnabled)
        {
            builder.Services.AddRateLimiter(r =>
            {
                r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, o));
                r.OnRejected = RejectAsync;
            });
        }
    }

    /// <summary>Adds the middleware and endpoints (after routing is set up).</summary>
    public static void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<NodeServices>().Options.Operability;
        var observer = app.Services.GetRequiredService<RequestObserver>();
        app.Use(observer.InnerAsync);
        if (options.RateLimitEnabled)
        {
            app.UseRateLimiter();
        }

        if (options.MetricsEnabled)
        {
            var exporter = app.Services.GetRequiredService<PrometheusExporter>();
            app.MapGet("/metrics", context =>
            {
                if (!options.MetricsAllowRemote && context.Connection.RemoteIpAddress is { } remote && !System.Net.IPAddress.IsLoopback(remote))
                {
                    throw new ApiProblemException(ApiProblem.NotFound($"No resource at {context.Request.Path}."));
                }

                context.Response.ContentType = PrometheusExporter.ContentType;
                context.Response.Headers.CacheControl = "no-store";
                return context.Response.WriteAsync(exporter.Collect(), context.RequestAborted);
            });
        }

        if (options.OpenApiEnabled)
        {
            OpenApiDocument.Map(app);
            app.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = "swagger";
                ui.DocumentTitle = "Tradeproof node API";
                ui.SwaggerEndpoint("/openapi.json", "Tradeproof node");
            });
        }
    }

    private static RateLimitPartition<string> Partition(HttpContext context, OperabilityOptions o)
    {
        if (Unlimited.Contains(context.Request.Path.Value, StringComparer.Ordinal))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        if (context.Features.Get<RequestObservation>()?.Client is { } client)
        {
            return RateLimitPartition.GetTokenBucketLimiter("client:" + client, _ => Bucket(o.ClientPermitsPerSecond, o.ClientBurst));
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        return RateLimitPartition.GetTokenBucketLimiter("address:" + address, _ => Bucket(o.AddressPermitsPerSecond, o.AddressBurst));
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(burst, 1),
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = false, // the partitioned limiter replenishes every 100 ms
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        var partition = context.Features.Get<RequestObservation>()?.Client is null ? "address" : "client";
        context.RequestServices.GetRequiredService<NodeMetrics>().RateLimited.Add(1, new KeyValuePair<string, object?>("partition", partition));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ApiProblem(429, ApiProblem.TypeBase + "too-many-requests", "Too many requests.",
            $"This {(partition == "client" ? "client" : "address")} sent more requests than the node accepts; retry after {seconds} s.");
        await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
    }

    private sealed class ObserverStartupFilter(RequestObserver observer) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(observer.OuterAsync);
            next(app);
        };
    }
}

/// <summary>The TLS certificate the node serves HTTPS with (disposed with the host).</summary>
public sealed class NodeCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) : IDisposable
{
    /// <summary>The certificate.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate { get; } = certificate;

    /// <inheritdoc/>
    public void Dispose() => Certificate.Dispose();
}
