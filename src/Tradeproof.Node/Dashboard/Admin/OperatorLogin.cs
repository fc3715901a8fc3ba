using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tradeproof.Cryptography;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>A one-time link that opens an operator session on the dashboard.</summary>
/// <param name="Url">The link (<c>BASE/dashboard/login?token=TOKEN</c>).</param>
/// <param name="Expires">When it stops working (it works once before that).</param>
public sealed record OperatorLoginLink(string Url, DateTimeOffset Expires)
{
    /// <summary>The line <c>serve</c>, <c>demo</c> and <c>dashboard link</c> print.</summary>
    public string ToLine() =>
        $"tradeproof: dashboard sign-in link (works once, until {Expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC): {Url}";
}

/// <summary>
/// One-time sign-in links for the dashboard's operator. A link carries 256 random bits; the store keeps only their
/// SHA-256, as a challenge of the node itself bound to a domain of its own (<see cref="IChallengeStore"/>: issued with
/// an expiry, consumed atomically at most once), so a link works once, for <see cref="Lifetime"/>, on every process
/// serving the same store, and whoever made it (<c>tradeproof serve</c>, <c>tradeproof demo</c>,
/// <c>tradeproof dashboard link</c> on the node's store) needs no channel to the running node.
/// </summary>
public static class OperatorLogin
{
    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>The sign-in page's path.</summary>
    public const string Path = "/dashboard/login";

    // The challenge domain of sign-in links: no presentation is ever verified for it.
    private const string Domain = "tradeproof:dashboard-login";

    /// <summary>Makes a link on a running node's services (the demo).</summary>
    /// <param name="services">The node.</param>
    /// <param name="baseUrl">The URL the operator's browser reaches the node at (scheme, host and port).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static ValueTask<OperatorLoginLink> CreateAsync(NodeServices services, string baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return CreateAsync(services.Store, services.Time, services.Random, baseUrl, cancellationToken);
    }

    /// <summary>Makes a link in the node's store (the node's own tenant must exist: it does once the node has started).</summary>
    /// <param name="store">The node's store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="random">Where the token comes from.</param>
    /// <param name="baseUrl">The URL the operator's browser reaches the node at (scheme, host and port).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async ValueTask<OperatorLoginLink> CreateAsync(ITradeproofStore store, TimeProvider time, IRandomSource random, string baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{baseUrl}' is not an http(s) URL.", nameof(baseUrl));
        }

        var bytes = new byte[32];
        random.Fill(bytes);
        var token = Cryptography.Encoding.Base64UrlStrict.Encode(bytes);
        var expires = time.GetUtcNow() + Lifetime;
        if (!await store.Challenges.IssueAsync(NodeIdentity.NodeTenantId, StoredValue(token), expires, Domain, cancellationToken).ConfigureAwait(false))
        {
            throw new StoreException(StoreErrorKind.ConstraintViolation, "The random sign-in token exists already; try again.");
        }

        return new OperatorLoginLink(uri.GetLeftPart(UriPartial.Authority) + Path + "?token=" + token, expires);
    }

    /// <summary>Makes a link in the store of a node described by <paramref name="options"/> (opened and closed here; <c>serve</c> and the CLI).</summary>
    /// <param name="options">The node's settings (they find its store).</param>
    /// <param name="baseUrl">The URL the operator's browser reaches the node at.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async ValueTask<OperatorLoginLink> CreateAsync(NodeOptions options, string baseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = await NodeStoreFactory.OpenAsync(options, TimeProvider.System, SystemRandomSource.Instance, cancellationToken).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            await new NodeAdministration(store, new NodeIdentity(options.PublicUrl), SystemRandomSource.Instance).EnsureNodeKeysAsync(cancellationToken).ConfigureAwait(false);
            return await CreateAsync(store, TimeProvider.System, SystemRandomSource.Instance, baseUrl, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Consumes a link's token: true exactly once, for a token made here and not expired.</summary>
    internal static async ValueTask<bool> RedeemAsync(ITradeproofStore store, string? token, CancellationToken cancellationToken)
    {
        // A token is 43 base64url characters; anything else is refused without asking the store.
        if (token is not { Length: 43 } || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        return await store.Challenges.ConsumeAsync(NodeIdentity.NodeTenantId, StoredValue(token), Domain, cancellationToken).ConfigureAwait(false)
            == ChallengeOutcome.Consumed;
    }

    // What the store keeps: the token's SHA-256, so reading the database does not give a working link.
    private static string StoredValue(string token) =>
        "dashboard-login:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
