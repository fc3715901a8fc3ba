using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Tradeproof.Node;

/// <summary>The console log format: one line of text, or one JSON object per line.</summary>
public enum NodeLogFormat
{
    /// <summary>Single-line text (the default).</summary>
    Text,

    /// <summary>One JSON object per line (<c>--log-format json</c>), for log collectors.</summary>
    Json,
}

/// <summary>
/// Operability settings: listening (HTTPS certificate, plain HTTP off loopback), request logs, metrics, rate limits,
/// OpenAPI and the transport limits Kestrel enforces before the node sees a request. Read from the <c>Node</c> section
/// (keys in docs/node.md, "Operating a node").
/// </summary>
public sealed record OperabilityOptions
{
    /// <summary>Where <c>tradeproof serve</c> listens when no <c>--urls</c> is given.</summary>
    public const string DefaultUrls = "https://localhost:5443;http://localhost:5080";

    /// <summary>The listening URLs, <c>;</c>-separated (<c>Node:Urls</c>); null: <see cref="DefaultUrls"/>.</summary>
    public string? Urls { get; init; }

    /// <summary>Allows plain-HTTP URLs on other addresses than loopback (<c>Node:AllowRemoteHttp</c>; default false:
    /// only HTTPS off loopback).</summary>
    public bool AllowRemoteHttp { get; init; }

    /// <summary>The operator's TLS certificate: a PEM file (with <see cref="CertificateKeyPath"/>, or with the key in
    /// the same file) or a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>); null: a self-signed certificate made at first start.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/> when it is a separate file.</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>The password of a PKCS#12 file or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>How long a generated self-signed certificate is valid, in days.</summary>
    public int SelfSignedCertificateDays { get; init; } = 365;

    /// <summary>The console log format.</summary>
    public NodeLogFormat LogFormat { get; init; } = NodeLogFormat.Text;

    /// <summary>One log line per request (method, route, status, duration, tenant, client, trace id).</summary>
    public bool RequestLogging { get; init; } = true;

    /// <summary>Serves <c>GET /metrics</c> (Prometheus text format).</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>Lets callers other than loopback read <c>/metrics</c> (default: loopback only; others get 404).</summary>
    public bool MetricsAllowRemote { get; init; }

    /// <summary>Serves <c>GET /openapi.json</c> and Swagger UI at <c>/swagger</c>.</summary>
    public bool OpenApiEnabled { get; init; } = true;

    /// <summary>Rate limiting on (per client for requests with a valid access token, per remote address otherwise).</summary>
    public bool RateLimitEnabled { get; init; } = true;

    /// <summary>Requests a client may make per second, sustained (token bucket refill).</summary>
    public int ClientPermitsPerSecond { get; init; } = 10_000;

    /// <summary>Requests a client may make at once (token bucket size).</summary>
    public int ClientBurst { get; init; } = 20_000;

    /// <summary>Requests without a valid token one remote address may make per second (token endpoint, public
    /// verification, DID documents).</summary>
    public int AddressPermitsPerSecond { get; init; } = 200;

    /// <summary>Requests without a valid token one remote address may make at once.</summary>
    public int AddressBurst { get; init; } = 400;

    /// <summary>The largest total size of a request's headers (Kestrel; larger: 431).</summary>
    public int MaxRequestHeadersBytes { get; init; } = 32 * 1024;

    /// <summary>The most headers a request may have (Kestrel; more: 431).</summary>
    public int MaxRequestHeaders { get; init; } = 100;

    /// <summary>The longest request line (method, target, version; Kestrel; longer: 414).</summary>
    public int MaxRequestLineBytes { get; init; } = 8 * 1024;

    /// <summary>How long a client may take to send the request headers (Kestrel; slower: the connection is closed).</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an idle keep-alive connection stays open.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The most open connections (null: unlimited).</summary>
    public long? MaxConnections { get; init; }

    /// <summary>Reads the settings from the <c>Node</c> section; malformed values are a
    /// <see cref="NodeConfigurationException"/>.</summary>
    public static OperabilityOptions FromConfiguration(IConfigurationSection node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var d = new OperabilityOptions();
        var format = node["LogFormat"];
        var logFormat = format switch
        {
            null or "" => d.LogFormat,
            _ when format.Equals("text", StringComparison.OrdinalIgnoreCase) => NodeLogFormat.Text,
            _ when format.Equals("json", StringComparison.OrdinalIgnoreCase) => NodeLogFormat.Json,
            _ => throw new NodeConfigurationException($"Node:LogFormat '{format}' is not 'text' or 'json'."),
        };
        return new OperabilityOptions
        {
            Urls = Text(node, "Urls"),
            AllowRemoteHttp = Flag(node, "AllowRemoteHttp", d.AllowRemoteHttp),
            CertificatePath = Text(node, "Https:CertificatePath"),
            CertificateKeyPath = Text(node, "Https:KeyPath"),
            CertificatePassword = Text(node, "Https:Password"),
            SelfSignedCertificateDays = (int)Number(node, "Https:SelfSignedDays", d.SelfSignedCertificateDays, 1, 3650),
            LogFormat = logFormat,
            RequestLogging = Flag(node, "Logging:Requests", d.RequestLogging),
            MetricsEnabled = Flag(node, "Metrics:Enabled", d.MetricsEnabled),
            MetricsAllowRemote = Flag(node, "Metrics:AllowRemote", d.MetricsAllowRemote),
            OpenApiEnabled = Flag(node, "OpenApi:Enabled", d.OpenApiEnabled),
            RateLimitEnabled = Flag(node, "RateLimit:Enabled", d.RateLimitEnabled),
            ClientPermitsPerSecond = (int)Number(node, "RateLimit:ClientPermitsPerSecond", d.ClientPermitsPerSecond, 1, 1_000_000),
            ClientBurst = (int)Number(node, "RateLimit:ClientBurst", d.ClientBurst, 1, 1_000_000),
            AddressPermitsPerSecond = (int)Number(node, "RateLimit:AddressPermitsPerSecond", d.AddressPermitsPerSecond, 1, 1_000_000),
            AddressBurst = (int)Number(node, "RateLimit:AddressBurst", d.AddressBurst, 1, 1_000_000),
            MaxRequestHeadersBytes = (int)Number(node, "MaxRequestHeadersBytes", d.MaxRequestHeadersBytes, 1024, 1024 * 1024),
            MaxRequestHeaders = (int)Number(node, "MaxRequestHeaders", d.MaxRequestHeaders, 8, 1000),
            MaxRequestLineBytes = (int)Number(node, "MaxRequestLineBytes", d.MaxRequestLineBytes, 256, 1024 * 1024),
            RequestHeadersTimeout = TimeSpan.FromSeconds(Number(node, "RequestHeadersTimeoutSeconds", (long)d.RequestHeadersTimeout.TotalSeconds, 1, 600)),
            KeepAliveTimeout = TimeSpan.FromSeconds(Number(node, "KeepAliveTimeoutSeconds", (long)d.KeepAliveTimeout.TotalSeconds, 1, 3600)),
            MaxConnections = node["MaxConnections"] is null ? null : Number(node, "MaxConnections", 0, 1, 1_000_000),
        };
    }

    private static string? Text(IConfigurationSection section, string key) => string.IsNullOrWhiteSpace(section[key]) ? null : section[key];

    private static bool Flag(IConfigurationSection section, string key, bool fallback)
    {
        var text = section[key];
        return text switch
        {
            null or "" => fallback,
            _ when bool.TryParse(text, out var value) => value,
            _ => throw new NodeConfigurationException($"Node:{key} '{text}' is not true or false."),
        };
    }

    private static long Number(IConfigurationSection section, string key, long fallback, long min, long max)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new NodeConfigurationException($"Node:{key} '{text}' is not a whole number from {min} to {max}.");
    }
}
