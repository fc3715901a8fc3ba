using System.Net;
using System.Net.Security;
using Tradeproof.Dids.Http;

namespace Tradeproof.Dids;

/// <summary>
/// Limits and switches of the did:web resolver. The defaults are safe: HTTPS only, public
/// addresses only, no redirects, 64 KiB, 5 seconds, cached 5 minutes.
/// </summary>
public sealed record DidWebOptions
{
    /// <summary>The defaults.</summary>
    public static DidWebOptions Default { get; } = new();

    /// <summary>Largest did.json accepted (default 64 KiB).</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024;

    /// <summary>Time allowed for DNS, connection and the whole response (default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a resolved document is reused (default 5 minutes; zero disables the cache).</summary>
    public TimeSpan CacheTimeToLive { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most documents kept in the cache (default 1,000).</summary>
    public int CacheCapacity { get; init; } = 1000;

    /// <summary>
    /// Operator/test switch: allow hosts that resolve to loopback addresses (127.0.0.0/8, ::1),
    /// e.g. a local test server. Private, link-local and other special addresses stay refused.
    /// IP literals in the DID stay refused. Default false.
    /// </summary>
    public bool AllowLoopback { get; init; }

    /// <summary>
    /// Operator switch: plain HTTP for the host <c>localhost</c> only (needs
    /// <see cref="AllowLoopback"/> as well). Default false: HTTPS only.
    /// </summary>
    public bool AllowHttpForLocalhost { get; init; }

    /// <summary>The clock of the cache (tests inject a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Name resolution (default: the system's DNS). Tests inject one to simulate DNS rebinding;
    /// it is called once before the request and again at connect time.
    /// </summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? HostResolver { get; init; }

    /// <summary>
    /// Extra TLS server certificate check (e.g. a private CA or a test certificate). Null: the
    /// platform's validation.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>The guarded-fetch options these did:web options stand for (plain HTTP only when the DID allowed it: localhost).</summary>
    public GuardedFetchOptions ToFetchOptions() => new()
    {
        MaxResponseBytes = MaxResponseBytes,
        Timeout = Timeout,
        AllowLoopback = AllowLoopback,
        AllowedSchemes = AllowHttpForLocalhost && AllowLoopback
            ? new HashSet<string>(StringComparer.Ordinal) { Uri.UriSchemeHttps, Uri.UriSchemeHttp }
            : new HashSet<string>(StringComparer.Ordinal) { Uri.UriSchemeHttps },
        HostResolver = HostResolver,
        ServerCertificateValidation = ServerCertificateValidation,
    };
}
