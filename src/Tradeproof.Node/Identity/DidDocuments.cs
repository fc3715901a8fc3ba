using System.Collections.Concurrent;
using System.Text.Json;
using Tradeproof.Dids;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// The did:web documents the node serves: the keys from the store as Multikey methods and, for tenants, the
/// <c>TraceabilityAPI</c> service whose endpoint is the tenant's API base URL (Traceability Interoperability, discovery).
/// The tenant's did:key issuer identities are named under <c>alsoKnownAs</c> (their keys are in their own did:key documents).
/// </summary>
/// <remarks>
/// Documents are cached per tenant (the node verifies its tenants' credentials against them on every request): an
/// entry is dropped when a key is added in this process (<see cref="TenantKeys.Version"/>) and otherwise lives
/// <see cref="CacheLifetime"/> on the node's clock, so a key added by another process (the CLI, a second node on the
/// same PostgreSQL database) is served within that time. Unknown tenants are not cached.
/// </remarks>
public sealed class DidDocuments(NodeIdentity identity, ITradeproofStore store, TimeProvider? time = null)
{
    /// <summary>How long a cached document is used before the store is read again.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);

    private const int MaxCached = 4096;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, CachedDocument> _cache = new(StringComparer.Ordinal);

    /// <summary>The document of <paramref name="tenantId"/> (or of the node for <see cref="NodeIdentity.NodeTenantId"/>), or null when unknown.</summary>
    public async ValueTask<DidDocument?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var version = TenantKeys.Version;
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(tenantId, out var cached) && cached.Version == version && now < cached.Expires && now >= cached.Read)
        {
            return cached.Document;
        }

        var document = await ReadAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            _cache.TryRemove(tenantId, out _);
            return null;
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[tenantId] = new CachedDocument(document, version, now, now + CacheLifetime);
        return document;
    }

    /// <summary>Drops the cached documents (the next request reads the store).</summary>
    public void Invalidate() => _cache.Clear();

    private async ValueTask<DidDocument?> ReadAsync(string tenantId, CancellationToken cancellationToken)
    {
        var isNode = string.Equals(tenantId, NodeIdentity.NodeTenantId, StringComparison.Ordinal);
        if (!isNode && await store.Tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var all = await TenantKeys.ListAsync(store, tenantId, cancellationToken).ConfigureAwait(false);
        var did = isNode ? identity.NodeDid : identity.TenantDid(tenantId);
        var keys = all.Where(k => k.Did == did).ToList();
        if (keys.Count == 0)
        {
            return null;
        }

        // Every did:web key as a Multikey method by its stored id (#key-1, #key-2, ...), all of them signing keys.
        var template = DidWeb.CreateDocument(Did.Parse(did), [keys[0].PublicKey]);
        var methods = keys.Select(k => new VerificationMethod { Id = k.KeyId, Type = VerificationMethod.MultikeyType, Controller = did, PublicKeyMultibase = k.PublicKey.ToMultibase() }).ToList();
        var signing = methods.Select(m => VerificationRelationshipEntry.ForReference(m.Id)).ToList();
        var document = new DidDocument
        {
            Context = template.Context,
            Id = did,
            VerificationMethod = methods,
            Authentication = signing,
            AssertionMethod = signing,
            CapabilityInvocation = signing,
            CapabilityDelegation = signing,
        };
        if (isNode)
        {
            return document;
        }

        using var endpoint = JsonDocument.Parse(JsonSerializer.Serialize(identity.TenantEndpoint(tenantId), NodeJsonContext.Default.String));
        return new DidDocument
        {
            Context = document.Context,
            Id = document.Id,
            AlsoKnownAs = [.. all.Where(k => k.IsDidKey).Select(k => k.Did).Distinct(StringComparer.Ordinal)],
            VerificationMethod = document.VerificationMethod,
            Authentication = document.Authentication,
            AssertionMethod = document.AssertionMethod,
            CapabilityInvocation = document.CapabilityInvocation,
            CapabilityDelegation = document.CapabilityDelegation,
            KeyAgreement = document.KeyAgreement,
            Service =
            [
                new Service { Id = did + "#traceability-api", Type = ["TraceabilityAPI"], ServiceEndpoint = endpoint.RootElement.Clone() },
            ],
        };
    }

    private sealed record CachedDocument(DidDocument Document, long Version, DateTimeOffset Read, DateTimeOffset Expires);
}
