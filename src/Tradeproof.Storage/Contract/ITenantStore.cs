namespace Tradeproof.Storage;

/// <summary>An organisation hosted by the node.</summary>
/// <param name="Id">The tenant id (the <c>ID</c> of <c>did:web:HOST:organizations:ID</c>).</param>
/// <param name="DisplayName">A human-readable name.</param>
/// <param name="PublicVerification">Whether the verifier endpoints accept unauthenticated callers.</param>
/// <param name="CreatedAt">When the tenant was created (set by the store).</param>
public sealed record TenantRecord(string Id, string DisplayName, bool PublicVerification = false, DateTimeOffset CreatedAt = default);

/// <summary>Outcome of <see cref="ITenantStore.CreateAsync"/>.</summary>
public enum TenantCreateOutcome
{
    /// <summary>The tenant was created.</summary>
    Created,

    /// <summary>A tenant with that id exists already (unchanged).</summary>
    AlreadyExists,
}

/// <summary>The tenants. The only repository whose calls are not scoped by a tenant: it defines them.</summary>
public interface ITenantStore
{
    /// <summary>Creates a tenant; an existing id is refused, not overwritten.</summary>
    ValueTask<TenantCreateOutcome> CreateAsync(TenantRecord tenant, CancellationToken cancellationToken = default);

    /// <summary>The tenant, or null.</summary>
    ValueTask<TenantRecord?> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Every tenant, ordered by id.</summary>
    ValueTask<IReadOnlyList<TenantRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes the display name and the public-verification switch; false when the tenant is unknown.</summary>
    ValueTask<bool> UpdateAsync(TenantRecord tenant, CancellationToken cancellationToken = default);
}
