using System.Net;
using System.Net.Security;

namespace Tradeproof.Dids.Http;

/// <summary>
/// Limits and operator switches of <see cref="GuardedHttpFetcher"/>. The defaults are safe (security.md, did:web
/// rules): HTTPS only, public addresses only, no redirects, 64 KiB, 5 seconds.
/// </summary>
public sealed record GuardedFetchOptions
{
    /// <summary>The defaults.</summary>
    public static GuardedFetchOptions Default { get; } = new();

    /// <summary>Largest response body accepted (default 64 KiB); larger bodies are refused, never truncated.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024;

    /// <summary>Time allowed for DNS, connection and the whole response (default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>URL schemes that may be fetched (default <c>https</c> only; compared ordinally, lower case).</summary>
    public IReadOnlySet<string> AllowedSchemes { get; init; } = new HashSet<string>(StringComparer.Ordinal) { Uri.UriSchemeHttps };

    /// <summary>
    /// Operator/test switch: allow any host that resolves to loopback addresses (127.0.0.0/8, ::1). Private,
    /// link-local and other special addresses stay refused, and so do IP literals. Default false.
    /// </summary>
    public bool AllowLoopback { get; init; }

    /// <summary>
    /// Operator allowlist: host names (case-insensitive) that may resolve to loopback addresses even when
    /// <see cref="AllowLoopback"/> is off, e.g. <c>localhost</c> for a local test server. Empty by default.
    /// </summary>
    public IReadOnlySet<string> LoopbackHostAllowlist { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Name resolution (default: the system's DNS). Tests inject one to simulate DNS rebinding; it is called once
    /// before the request and again at connect time.
    /// </summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? HostResolver { get; init; }

    /// <summary>Extra TLS server certificate check (e.g. a private CA or a test certificate). Null: the platform's validation.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    internal bool IsLoopbackAllowed(string host) => AllowLoopback || LoopbackHostAllowlist.Contains(host);
}
