using Tradeproof.Cryptography;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>The outcome of registering a client: its id and the secret, shown once and stored only as a hash.</summary>
public sealed record ClientRegistration(string ClientId, string ClientSecret, IReadOnlyList<string> Scopes);

/// <summary>
/// What the operator does to a node's store (<c>tradeproof tenant add</c>, <c>tradeproof client add</c>) and what the
/// node does at start (its own keys).
/// </summary>
public sealed class NodeAdministration(ITradeproofStore store, NodeIdentity identity, IRandomSource random)
{
    /// <summary>Creates the node's own keys when missing (at start).</summary>
    /// <remarks>
    /// One unit of work, so node processes starting at once on one database agree on one set of keys: the tenant row
    /// is inserted first (PostgreSQL makes a second process's insert wait for the first one's commit; SQLite has one
    /// writer), so whoever finds the keys missing inside its transaction is the only one creating them.
    /// </remarks>
    public async ValueTask EnsureNodeKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var unit = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        await unit.Tenants.CreateAsync(new TenantRecord(NodeIdentity.NodeTenantId, "node"), cancellationToken).ConfigureAwait(false);
        if ((await unit.Keys.ListAsync(NodeIdentity.NodeTenantId, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            await TenantKeys.CreateAsync(unit, NodeIdentity.NodeTenantId, identity.NodeDid, random, cancellationToken).ConfigureAwait(false);
        }

        await unit.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a tenant with its did:web and its Ed25519 (#key-1), P-256 (#key-2) and P-384 (#key-3) keys, in one transaction; returns its DID.</summary>
    /// <exception cref="ArgumentException">The id is not 1-64 of a-z, 0-9 and inner hyphens, or the tenant exists.</exception>
    public async ValueTask<string> AddTenantAsync(string tenantId, string? displayName, bool publicVerification, CancellationToken cancellationToken = default)
    {
        if (!NodeIdentity.IsValidTenantId(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not an organisation id: use 1 to 64 of a-z, 0-9 and inner hyphens.", nameof(tenantId));
        }

        var did = identity.TenantDid(tenantId);
        await using var unit = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await unit.Tenants.CreateAsync(new TenantRecord(tenantId, displayName ?? tenantId, publicVerification), cancellationToken).ConfigureAwait(false);
        if (outcome == TenantCreateOutcome.AlreadyExists)
        {
            throw new ArgumentException($"The organisation '{tenantId}' exists already.", nameof(tenantId));
        }

        await TenantKeys.CreateAsync(unit, tenantId, did, random, cancellationToken, TenantKeys.TenantDefaults).ConfigureAwait(false);
        await unit.CommitAsync(cancellationToken).ConfigureAwait(false);
        return did;
    }

    /// <summary>
    /// Adds a signing key to a tenant: to its did:web (the next <c>#key-N</c>, published in its DID document) or, with
    /// <paramref name="asDidKey"/>, as a new did:key issuer identity. Returns the key (its verification method id and DID).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown tenant.</exception>
    public async ValueTask<TenantKey> AddKeyAsync(string tenantId, Cryptography.KeyType type, bool asDidKey, CancellationToken cancellationToken = default)
    {
        await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return await TenantKeys.AddKeyAsync(store, tenantId, identity.TenantDid(tenantId), type, asDidKey, random, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens (or closes) a tenant's <c>/credentials/verify</c> and <c>/presentations/verify</c> to callers without a token.</summary>
    /// <exception cref="ArgumentException">Unknown tenant.</exception>
    public async ValueTask<TenantRecord> SetPublicVerificationAsync(string tenantId, bool on, CancellationToken cancellationToken = default)
    {
        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var updated = tenant with { PublicVerification = on };
        if (!await store.Tenants.UpdateAsync(updated, cancellationToken).ConfigureAwait(false))
        {
            throw new ArgumentException($"There is no organisation '{tenantId}' on this node.", nameof(tenantId));
        }

        return updated;
    }

    private async ValueTask<TenantRecord> RequireTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        (NodeIdentity.IsValidTenantId(tenantId) ? await store.Tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) : null)
        ?? throw new ArgumentException($"There is no organisation '{tenantId}' on this node.", nameof(tenantId));

    /// <summary>Registers an OAuth client for a tenant with the given scopes; the secret is returned once.</summary>
    /// <exception cref="ArgumentException">Unknown tenant or scope.</exception>
    public async ValueTask<ClientRegistration> AddClientAsync(string tenantId, IReadOnlyList<string> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (!NodeIdentity.IsValidTenantId(tenantId) || await store.Tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ArgumentException($"There is no organisation '{tenantId}' on this node.", nameof(tenantId));
        }

        var unknown = scopes.Where(s => !Scopes.All.Contains(s)).ToList();
        if (unknown.Count > 0 || scopes.Count == 0)
        {
            throw new ArgumentException($"Give one or more scopes of: {string.Join(' ', Scopes.All)}{(unknown.Count > 0 ? $" (unknown: {string.Join(' ', unknown)})" : "")}.", nameof(scopes));
        }

        Span<byte> idBytes = stackalloc byte[12];
        random.Fill(idBytes);
        var clientId = tenantId + "-" + Cryptography.Encoding.Base64UrlStrict.Encode(idBytes);
        var secret = ClientSecrets.Generate(random);
        var distinct = scopes.Distinct(StringComparer.Ordinal).ToList();
        if (!await store.Clients.AddAsync(tenantId, new ClientRecord(clientId, tenantId, ClientSecrets.Hash(secret), distinct), cancellationToken).ConfigureAwait(false))
        {
            throw new StoreException(StoreErrorKind.ConstraintViolation, "The generated client id is taken; try again.");
        }

        return new ClientRegistration(clientId, secret, distinct);
    }
}
