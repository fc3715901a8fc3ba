using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Dids;
using Tradeproof.JsonLd;
using Tradeproof.Storage;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Node;

/// <summary>
/// What every endpoint shares: the store, the node's names, clock and randomness, the issuer, one verifier per tenant
/// (each consuming that tenant's challenges), and the authorization step.
/// </summary>
public sealed class NodeServices
{
    private readonly ConcurrentDictionary<string, CredentialVerifier> _verifiers = new(StringComparer.Ordinal);
    private readonly DidVerificationMethodResolver _resolver;
    private readonly ProofTransforms _transforms;
    private PublicKey? _nodePublicKey;
    private System.Collections.Immutable.ImmutableArray<IPresentationReceivedHandler> _presentationHandlers = [];

    /// <summary>Creates the services over an open store.</summary>
    public NodeServices(NodeOptions options, ITradeproofStore store, TimeProvider time, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Store = store;
        Time = time;
        Random = random;
        Identity = new NodeIdentity(options.PublicUrl);
        Documents = new DidDocuments(Identity, store, time);
        Tenants = new TenantCache(store, time);
        Tokens = new AccessTokens(Identity, time, random);
        Body = new RequestBody(options);
        _transforms = new ProofTransforms(new JsonLdOptions { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader });
        Engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = time, Random = random, Transforms = _transforms });
        Issuer = new CredentialIssuer(Engine, time, random);
        Resolver = new DidResolver([new DidKeyResolver(), new DidJwkResolver(), new StoreDidWebResolver(
            Identity,
            Documents,
            options.LoopbackDidWebHosts,
            options.LoopbackDidWebHosts.Count == 0 ? null : new DidWebResolver(new DidWebOptions { AllowLoopback = true, AllowHttpForLocalhost = true, TimeProvider = time }))]);
        _resolver = new DidVerificationMethodResolver(Resolver);
        StatusLists = new TenantStatusLists(this, options.LoopbackDidWebHosts, options.LoopbackDidWebHosts.Count == 0 ? null : new Credentials.StatusLists.GuardedStatusListProvider(Credentials.StatusLists.GuardedStatusListProvider.DefaultOptions with
        {
            AllowLoopback = true,
            LoopbackHostAllowlist = new HashSet<string>(options.LoopbackDidWebHosts, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(StringComparer.Ordinal) { Uri.UriSchemeHttps, Uri.UriSchemeHttp },
        }));
    }

    /// <summary>The tenants' status lists (allocation, publication, and the verifier's source for this node's own lists).</summary>
    public TenantStatusLists StatusLists { get; }

    /// <summary>The settings.</summary>
    public NodeOptions Options { get; }

    /// <summary>The store.</summary>
    public ITradeproofStore Store { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The random source.</summary>
    public IRandomSource Random { get; }

    /// <summary>The node's DIDs and URLs.</summary>
    public NodeIdentity Identity { get; }

    /// <summary>The DID documents.</summary>
    public DidDocuments Documents { get; }

    /// <summary>Access tokens.</summary>
    public AccessTokens Tokens { get; }

    /// <summary>The DID resolver (did:key, did:jwk, and this node's did:web from the store).</summary>
    public DidResolver Resolver { get; }

    /// <summary>The Data Integrity engine (our embedded contexts, trade context included; safe mode).</summary>
    public DataIntegrityEngine Engine { get; }

    /// <summary>The issuer.</summary>
    public CredentialIssuer Issuer { get; }

    internal RequestBody Body { get; }

    /// <summary>The tenant records of the authorization step (cached for a few seconds).</summary>
    internal TenantCache Tenants { get; }

    /// <summary>What runs after a presentation is committed to an inbox (<see cref="PresentationIntake"/>), in registration order.</summary>
    public IReadOnlyList<IPresentationReceivedHandler> PresentationReceivedHandlers => _presentationHandlers;

    /// <summary>Registers a handler run after each presentation committed to an inbox (customs intake, for example).</summary>
    public void AddPresentationReceivedHandler(IPresentationReceivedHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        System.Collections.Immutable.ImmutableInterlocked.Update(ref _presentationHandlers, list => list.Add(handler));
    }

    /// <summary>
    /// Issues a fresh challenge of <paramref name="tenantId"/> (32 random bytes, base64url), stored with its domain and
    /// expiry so the tenant's verifier consumes it once.
    /// </summary>
    public async ValueTask<(string Challenge, DateTimeOffset Expires)> IssueChallengeAsync(string tenantId, string? domain, CancellationToken cancellationToken)
    {
        var bytes = new byte[32];
        Random.Fill(bytes);
        var challenge = Cryptography.Encoding.Base64UrlStrict.Encode(bytes);
        var expires = Time.GetUtcNow() + Options.ChallengeLifetime;
        await Store.Challenges.IssueAsync(tenantId, challenge, expires, domain, cancellationToken).ConfigureAwait(false);
        return (challenge, expires);
    }

    /// <summary>The verifier of a tenant: challenges are that tenant's, consumed in the store.</summary>
    public CredentialVerifier VerifierFor(string tenantId) => _verifiers.GetOrAdd(tenantId, id => new CredentialVerifier(new VerifierOptions
    {
        TimeProvider = Time,
        Resolver = _resolver,
        Transforms = _transforms,
        ChallengeStore = new StoreChallengeAdapter(Store, id),
        StatusListProvider = StatusLists,
        IssuerTrustPolicy = IssuerTrustPolicyFor?.Invoke(id),
    }));

    /// <summary>
    /// The issuer trust policy of a tenant's verifier, or null for none (the customs single window sets it: a customs
    /// tenant's trust registry). Asked when the tenant's verifier is made; <see cref="StatusChanged"/> drops them.
    /// </summary>
    public Func<string, Credentials.Verification.IIssuerTrustPolicy?>? IssuerTrustPolicyFor { get; set; }

    /// <summary>A status changed: drop the verifiers (and their status list caches) so this node sees it at once.</summary>
    internal void StatusChanged() => _verifiers.Clear();

    /// <summary>The node's public signing key (tokens).</summary>
    public async ValueTask<PublicKey> NodePublicKeyAsync(CancellationToken cancellationToken)
    {
        if (_nodePublicKey is { } cached)
        {
            return cached;
        }

        var keys = await TenantKeys.PublicKeysAsync(Store, NodeIdentity.NodeTenantId, cancellationToken).ConfigureAwait(false);
        return _nodePublicKey = keys.Count > 0 ? keys[0] : throw new StoreException(StoreErrorKind.Corrupt, "The node has no signing key.");
    }

    /// <summary>
    /// The authorization step before any tenant endpoint: the tenant must exist; a bearer token (401 without a valid
    /// one) for that tenant (404 for another tenant's: its data is never confirmed to exist) with the scope (403).
    /// With <paramref name="allowPublic"/>, a tenant that opened verification to everyone needs no token.
    /// </summary>
    public async ValueTask<TenantRecord> AuthorizeAsync(HttpContext context, string tenantId, string scope, bool allowPublic = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Where public access may be granted, on the store's record of this moment; elsewhere only the tenant's
        // existence counts (tenants are never deleted), and a record of the last few seconds tells it.
        var tenant = NodeIdentity.IsValidTenantId(tenantId) ? await Tenants.GetAsync(tenantId, fresh: allowPublic, context.RequestAborted).ConfigureAwait(false) : null;
        if (allowPublic && tenant is { PublicVerification: true })
        {
            return tenant;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            throw new ApiProblemException(ApiProblem.Unauthorized("Send 'Authorization: Bearer TOKEN' with a token from POST /oauth/token."));
        }

        var claims = Tokens.Validate(header[7..].Trim(), await NodePublicKeyAsync(context.RequestAborted).ConfigureAwait(false))
            ?? throw new ApiProblemException(ApiProblem.Unauthorized("The access token is not valid (signature, type, issuer, audience or expiry)."));
        if (tenant is null || !string.Equals(claims.TenantId, tenantId, StringComparison.Ordinal))
        {
            throw new ApiProblemException(ApiProblem.NotFound($"There is no organisation '{tenantId}' for this client."));
        }

        if (!claims.Scopes.Contains(scope))
        {
            throw new ApiProblemException(ApiProblem.Forbidden(scope));
        }

        return tenant;
    }
}
