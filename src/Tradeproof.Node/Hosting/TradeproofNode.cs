using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tradeproof.Cryptography;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// Builds the node: opens the store (migrations at start), makes the node's keys, and maps the endpoints with RFC 9457
/// problems for every error (unknown routes and methods included).
/// </summary>
public static class TradeproofNode
{
    /// <summary>Builds a node ready to run.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="urls">The listening URLs (Kestrel), e.g. <c>http://127.0.0.1:5080</c>; null for the configured default.</param>
    /// <param name="configure">Changes to the host builder (tests use a test server).</param>
    /// <param name="time">The clock (default: system).</param>
    /// <param name="random">The random source (default: system).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<WebApplication> BuildAsync(
        NodeOptions options,
        string? urls = null,
        Action<WebApplicationBuilder>? configure = null,
        TimeProvider? time = null,
        IRandomSource? random = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        random ??= SystemRandomSource.Instance;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        configure?.Invoke(builder);
        var store = await NodeStoreFactory.OpenAsync(options, time, random, cancellationToken).ConfigureAwait(false);
        var services = new NodeServices(options, store, time, random);
        await new NodeAdministration(store, services.Identity, random).EnsureNodeKeysAsync(cancellationToken).ConfigureAwait(false);
        builder.Services.AddSingleton(services);
        builder.Services.AddHostedService(_ => new LogCheckpointScheduler(services));
        builder.Services.AddSingleton(store);
        builder.Services.AddRouting();
        NodeOperability.AddServices(builder, options);

        var app = builder.Build();
        foreach (var handler in app.Services.GetServices<IPresentationReceivedHandler>())
        {
            services.AddPresentationReceivedHandler(handler);
        }

        app.Lifetime.ApplicationStopped.Register(() => store.DisposeAsync().AsTask().GetAwaiter().GetResult());
        NodeForwardedHeaders.Use(app, options); // first: the client address and scheme behind a trusted proxy
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync, AllowStatusCode404Response = true });
        app.Use(ProblemsForBareStatusCodesAsync);
        app.UseRouting();
        NodeOperability.Use(app);
        HealthEndpoints.Map(app);
        DidEndpoints.Map(app);
        TokenEndpoint.Map(app);
        CredentialEndpoints.Map(app);
        PresentationEndpoints.Map(app);
        TwinEndpoints.Map(app);
        LogEndpoints.Map(app);
        var customs = CustomsEndpoints.Map(app);
        DashboardEndpoints.Map(app, customs);
        return app;
    }

    /// <summary>Builds and runs a node until <paramref name="cancellationToken"/> or the host stops it (SIGTERM, Ctrl-C).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="urls">The listening URLs.</param>
    /// <param name="started">Called once listening, with the bound addresses.</param>
    /// <param name="cancellationToken">Stops the node.</param>
    public static async Task ServeAsync(NodeOptions options, string urls, Func<IReadOnlyList<string>, Task> started, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(started);
        var app = await BuildAsync(options, urls, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await started([.. app.Urls]).ConfigureAwait(false);
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    // Endpoints throw ApiProblemException for refusals; anything else is logged and answered 500 (no details leak).
    private static async Task HandleExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = error switch
        {
            ApiProblemException p => p.Problem,
            BadHttpRequestException { StatusCode: 413 } => ApiProblem.TooLarge(context.RequestServices.GetRequiredService<NodeServices>().Options.MaxRequestBodyBytes),
            BadHttpRequestException b => new ApiProblem(b.StatusCode, ApiProblem.TypeBase + "bad-request", "The request is malformed.", b.Message),
            StoreException { Kind: StoreErrorKind.Unavailable } s => ApiProblem.Unavailable(s.Message),
            _ => ApiProblem.Internal(),
        };
        if (problem.Status >= 500 && error is not null)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tradeproof.Node").LogError(error, "Request {Path} failed", context.Request.Path);
        }

        await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
    }

    // 404 for unknown routes, 405 for a known route with another method: no body from routing, so write the problem.
    private static async Task ProblemsForBareStatusCodesAsync(HttpContext context, RequestDelegate next)
    {
        await next(context).ConfigureAwait(false);
        if (context.Response.HasStarted || context.Response.StatusCode < 400 || context.Response.ContentLength is > 0)
        {
            return;
        }

        var problem = context.Response.StatusCode switch
        {
            404 => ApiProblem.NotFound($"No resource at {context.Request.Path}."),
            405 => ApiProblem.MethodNotAllowed($"{context.Request.Method} is not allowed on {context.Request.Path}."),
            413 => ApiProblem.TooLarge(context.RequestServices.GetRequiredService<NodeServices>().Options.MaxRequestBodyBytes),
            415 => ApiProblem.UnsupportedMediaType("application/json"),
            var status => new ApiProblem(status, ApiProblem.TypeBase + "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture), "The request failed."),
        };
        await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
    }
}
