using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tradeproof.Cryptography;

namespace Tradeproof.Node.Dashboard;

/// <summary>An operator's signed-in session: its CSRF token and its times.</summary>
internal sealed class OperatorSession(string csrfToken, DateTimeOffset created)
{
    /// <summary>The token every POST form of the session carries (<see cref="OperatorSessions.CsrfField"/>).</summary>
    public string CsrfToken { get; } = csrfToken;

    /// <summary>When the session was opened.</summary>
    public DateTimeOffset Created { get; } = created;

    /// <summary>When the session was last used (it ends <see cref="OperatorSessions.IdleTimeout"/> after).</summary>
    public DateTimeOffset LastSeen { get; set; } = created;
}

/// <summary>
/// The dashboard's operator sessions, kept server-side in the node process (one set per node): a session id of 256
/// random bits lives only in the operator's cookie (HttpOnly, SameSite=Strict, Secure and <c>__Host-</c> on HTTPS);
/// the node keeps its SHA-256 with the session's CSRF token. A session ends on logout, after
/// <see cref="IdleTimeout"/> without a request, or <see cref="AbsoluteLifetime"/> after it was opened; a restart ends
/// every session (the operator opens a new one with a new link).
/// </summary>
internal sealed class OperatorSessions
{
    /// <summary>A session unused this long ends.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after it was opened, used or not.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);

    /// <summary>At most this many sessions are open at once (the oldest ends when another opens).</summary>
    public const int MaxSessions = 256;

    /// <summary>The name of the hidden form field carrying the CSRF token.</summary>
    public const string CsrfField = "csrf";

    private static readonly ConditionalWeakTable<NodeServices, OperatorSessions> Nodes = [];
    private static readonly object CurrentKey = new();
    private readonly ConcurrentDictionary<string, OperatorSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;

    private OperatorSessions(TimeProvider time, IRandomSource random)
    {
        _time = time;
        _random = random;
    }

    /// <summary>The sessions of a node.</summary>
    public static OperatorSessions For(NodeServices services) => Nodes.GetValue(services, s => new OperatorSessions(s.Time, s.Random));

    /// <summary>How many sessions are open (tests).</summary>
    public int Count => _sessions.Count;

    /// <summary>The cookie's name: per port (browsers share cookies between the ports of one host), <c>__Host-</c> on HTTPS.</summary>
    public static string CookieName(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var port = context.Request.Host.Port ?? (context.Request.IsHttps ? 443 : 80);
        return (context.Request.IsHttps ? "__Host-" : string.Empty) + "tradeproof-operator-" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The request's session (from its cookie), or null; a found session counts as used now.</summary>
    public OperatorSession? Current(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(CurrentKey, out var cached))
        {
            return cached as OperatorSession;
        }

        OperatorSession? session = null;
        if (context.Request.Cookies[CookieName(context)] is { Length: > 0 } id && _sessions.TryGetValue(Key(id), out var found))
        {
            var now = _time.GetUtcNow();
            if (IsOpen(found, now))
            {
                found.LastSeen = now;
                session = found;
            }
            else
            {
                _sessions.TryRemove(Key(id), out _);
            }
        }

        context.Items[CurrentKey] = session;
        return session;
    }

    /// <summary>Opens a session and sets its cookie on the response.</summary>
    public OperatorSession Open(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = _time.GetUtcNow();
        foreach (var (key, stale) in _sessions)
        {
            if (!IsOpen(stale, now))
            {
                _sessions.TryRemove(key, out _);
            }
        }

        while (_sessions.Count >= MaxSessions && _sessions.MinBy(s => s.Value.LastSeen) is { Key: { } oldest })
        {
            _sessions.TryRemove(oldest, out _);
        }

        var id = RandomToken();
        var session = new OperatorSession(RandomToken(), now);
        _sessions[Key(id)] = session;
        context.Response.Cookies.Append(CookieName(context), id, CookieOptions(context, now + AbsoluteLifetime));
        context.Items[CurrentKey] = session;
        return session;
    }

    /// <summary>Ends the request's session (if any) and clears its cookie.</summary>
    public void End(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[CookieName(context)] is { Length: > 0 } id)
        {
            _sessions.TryRemove(Key(id), out _);
        }

        context.Response.Cookies.Delete(CookieName(context), CookieOptions(context, null));
        context.Items[CurrentKey] = null;
    }

    /// <summary>Whether <paramref name="presented"/> is the session's CSRF token (constant time).</summary>
    public static bool IsCsrfToken(OperatorSession session, string? presented)
    {
        ArgumentNullException.ThrowIfNull(session);
        return presented is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(session.CsrfToken)));
    }

    private bool IsOpen(OperatorSession session, DateTimeOffset now) =>
        now - session.LastSeen < IdleTimeout && now - session.Created < AbsoluteLifetime;

    private string RandomToken()
    {
        Span<byte> bytes = stackalloc byte[32];
        _random.Fill(bytes);
        return Cryptography.Encoding.Base64UrlStrict.Encode(bytes);
    }

    private static string Key(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };
}
