using System.Diagnostics.Metrics;

namespace Tradeproof.Node;

/// <summary>
/// The node's instruments on the Meter <c>Tradeproof.Node</c> (one Meter per node, made by the host's
/// <see cref="IMeterFactory"/>, so two nodes in one process count apart; <c>dotnet-counters</c> and any
/// <see cref="MeterListener"/> see them by name). Tags never carry identifiers from requests beyond the route template,
/// so their number stays bounded.
/// </summary>
public sealed class NodeMetrics
{
    /// <summary>The Meter's name.</summary>
    public const string MeterName = "Tradeproof.Node";

    /// <summary>Creates the instruments.</summary>
    public NodeMetrics(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Meter = factory.Create(new MeterOptions(MeterName) { Version = "1.0" });
        Requests = Meter.CreateCounter<long>("tradeproof.node.requests", "{request}", "HTTP requests handled, by route template, method and status.");
        RequestDuration = Meter.CreateHistogram<double>("tradeproof.node.request.duration", "s", "Time to handle an HTTP request, by route template, method and status.");
        Verifications = Meter.CreateCounter<long>("tradeproof.node.verifications", "{verification}", "Credential and presentation verifications over the API, by kind and outcome (verified, failed, indeterminate).");
        PresentationsReceived = Meter.CreateCounter<long>("tradeproof.node.presentations.received", "{presentation}", "Presentations submitted to an inbox, by outcome (accepted, duplicate, rejected).");
        StoreErrors = Meter.CreateCounter<long>("tradeproof.node.store.errors", "{error}", "Store failures that ended a request, by kind.");
        RateLimited = Meter.CreateCounter<long>("tradeproof.node.rate_limited", "{request}", "Requests refused with 429, by partition kind (client or address).");
    }

    /// <summary>This node's Meter.</summary>
    public Meter Meter { get; }

    /// <summary>Requests by <c>route</c>, <c>method</c>, <c>status</c>.</summary>
    public Counter<long> Requests { get; }

    /// <summary>Request durations in seconds by <c>route</c>, <c>method</c>, <c>status</c>.</summary>
    public Histogram<double> RequestDuration { get; }

    /// <summary>Verifications by <c>kind</c> (credential, presentation) and <c>outcome</c>.</summary>
    public Counter<long> Verifications { get; }

    /// <summary>Presentations received by <c>outcome</c>.</summary>
    public Counter<long> PresentationsReceived { get; }

    /// <summary>Store errors by <c>kind</c>.</summary>
    public Counter<long> StoreErrors { get; }

    /// <summary>Rate-limited requests by <c>partition</c>.</summary>
    public Counter<long> RateLimited { get; }
}
