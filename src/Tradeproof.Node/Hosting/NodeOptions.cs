using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Tradeproof.Node;

/// <summary>
/// The node's settings, read from the <c>Node</c> section of configuration (file, <c>TRADEPROOF__NODE__...</c>
/// environment variables, command line). Limits are on by default.
/// </summary>
public sealed record NodeOptions
{
    /// <summary>The base URL other parties reach the node at (e.g. <c>https://node.example.com</c>); its host and port
    /// make the did:web DIDs (<c>did:web:HOST%3APORT:organizations:ID</c>).</summary>
    public Uri PublicUrl { get; init; } = new("http://localhost:5080");

    /// <summary>The folder of the embedded SQLite database and the generated operator key.</summary>
    public string DataDirectory { get; init; } = "tradeproof-data";

    /// <summary>A PostgreSQL connection string: when set, the store is PostgreSQL instead of SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The operator key (base64 of 32 bytes) sealing secret keys at rest; when absent with SQLite, one is made
    /// at first start in <c>DATA/operator.key</c> (owner-only permissions).</summary>
    public string? OperatorKey { get; init; }

    /// <summary>
    /// SQLite only: sync the WAL right after each commit, with the writer already free for the next transaction, instead
    /// of inside the commit (SQLite's <c>synchronous=FULL</c>, the default, during which the single writer idles). Both
    /// acknowledge a write only once it is on disk; see docs/storage.md ("The WAL sync after the commit").
    /// </summary>
    public bool SqliteSyncWalAfterCommit { get; init; }

    /// <summary>SQLite only: the writer connection's page cache, in MiB.</summary>
    public int SqliteWriterCacheMiB { get; init; } = Storage.Sqlite.SqliteStoreOptions.DefaultWriterCacheMiB;

    /// <summary>The largest request body accepted, in bytes (larger: 413 before parsing).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted in a request body.</summary>
    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>How long an access token is valid.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a challenge for a presentation is valid.</summary>
    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Operator allowlist of did:web host names (e.g. <c>localhost</c>) on loopback whose DID documents this node may
    /// fetch over plain HTTP, through the guarded client, to verify other nodes' parties (the demo, tests;
    /// <c>Node:LoopbackDidWebHosts</c>, a list). Empty by default: only this node's own did:web DIDs resolve.
    /// </summary>
    public IReadOnlyList<string> LoopbackDidWebHosts { get; init; } = [];

    /// <summary>Operability: listening and HTTPS, logs, metrics, rate limits, OpenAPI, transport limits.</summary>
    public OperabilityOptions Operability { get; init; } = new();

    /// <summary>How often the node signs a transparency log checkpoint (when the log grew); zero: only on demand.</summary>
    public TimeSpan LogCheckpointInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The partner logs this node witnesses: C2SP verifier keys (<c>origin+keyid+base64(0x01||key)</c>).</summary>
    public IReadOnlyList<string> LogPartners { get; init; } = [];

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the node believes (addresses or
    /// CIDR networks, <c>Node:TrustedProxies</c>); empty (the default): the headers are ignored.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>Reads the <c>Node</c> section; unknown or malformed values are a <see cref="NodeConfigurationException"/>.</summary>
    public static NodeOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Node");
        var defaults = new NodeOptions();
        var url = section["PublicUrl"];
        Uri publicUrl = defaults.PublicUrl;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out publicUrl!) || publicUrl.Scheme is not ("http" or "https") || publicUrl.AbsolutePath != "/"))
        {
            throw new NodeConfigurationException($"Node:PublicUrl '{url}' is not an http(s) URL without a path.");
        }

        return new NodeOptions
        {
            PublicUrl = publicUrl,
            DataDirectory = section["DataDirectory"] ?? defaults.DataDirectory,
            PostgresConnectionString = NullIfEmpty(section["Postgres"]),
            OperatorKey = NullIfEmpty(section["OperatorKey"]),
            SqliteSyncWalAfterCommit = Flag(section, "SqliteSyncWalAfterCommit"),
            SqliteWriterCacheMiB = (int)Number(section, "SqliteWriterCacheMiB", defaults.SqliteWriterCacheMiB, 1, 4096),
            MaxRequestBodyBytes = Number(section, "MaxRequestBodyBytes", defaults.MaxRequestBodyBytes, 1024, 64L * 1024 * 1024),
            MaxJsonDepth = (int)Number(section, "MaxJsonDepth", defaults.MaxJsonDepth, 4, 256),
            AccessTokenLifetime = TimeSpan.FromSeconds(Number(section, "AccessTokenLifetimeSeconds", (long)defaults.AccessTokenLifetime.TotalSeconds, 30, 86_400)),
            ChallengeLifetime = TimeSpan.FromSeconds(Number(section, "ChallengeLifetimeSeconds", (long)defaults.ChallengeLifetime.TotalSeconds, 10, 86_400)),
            LogCheckpointInterval = TimeSpan.FromSeconds(Number(section, "LogCheckpointIntervalSeconds", (long)defaults.LogCheckpointInterval.TotalSeconds, 0, 86_400)),
            LogPartners = [.. section.GetSection("LogPartners").GetChildren().Select(c => c.Value ?? string.Empty)],
            LoopbackDidWebHosts = [.. section.GetSection("LoopbackDidWebHosts").GetChildren().Select(c => c.Value ?? string.Empty).Where(h => h.Length > 0)],
            TrustedProxies = TrustedProxiesOf(section.GetSection("TrustedProxies")),
            Operability = OperabilityOptions.FromConfiguration(section),
        };
    }

    // A list (Node:TrustedProxies:0, ...) or one string of entries separated by commas or spaces; each checked here.
    private static IReadOnlyList<string> TrustedProxiesOf(IConfigurationSection section)
    {
        IReadOnlyList<string> entries = section.Value is { } text
            ? text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetChildren().Select(c => c.Value ?? string.Empty)];
        _ = NodeForwardedHeaders.Parse(entries);
        return entries;
    }

    private static bool Flag(IConfigurationSection section, string key) => section[key] switch
    {
        null => false,
        { } text when bool.TryParse(text, out var value) => value,
        { } text => throw new NodeConfigurationException($"Node:{key} '{text}' is not true or false."),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

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
