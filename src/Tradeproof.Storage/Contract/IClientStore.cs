namespace Tradeproof.Storage;

/// <summary>An OAuth 2.0 client (client credentials grant) of a tenant.</summary>
/// <param name="ClientId">The client id (unique on the node: the token endpoint finds the tenant from it).</param>
/// <param name="TenantId">The tenant the client acts for.</param>
/// <param name="SecretHash">The secret's hash (<see cref="ClientSecrets.Hash"/>), never the secret.</param>
/// <param name="Scopes">The scopes the client may request.</param>
/// <param name="CreatedAt">When it was registered (set by the store).</param>
public sealed record ClientRecord(string ClientId, string TenantId, ReadOnlyMemory<byte> SecretHash, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt = default);

/// <summary>OAuth clients.</summary>
public interface IClientStore
{
    /// <summary>Registers a client for <paramref name="tenantId"/>; false when the client id is taken (by any tenant).</summary>
    ValueTask<bool> AddAsync(string tenantId, ClientRecord client, CancellationToken cancellationToken = default);

    /// <summary>The tenant's client, or null (also when another tenant owns that client id).</summary>
    ValueTask<ClientRecord?> GetAsync(string tenantId, string clientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The client by id alone, for the token endpoint, which learns the tenant from the client. The one cross-tenant
    /// read of the store: use it only to authenticate, then act within <see cref="ClientRecord.TenantId"/>.
    /// </summary>
    ValueTask<ClientRecord?> FindForAuthenticationAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's clients, ordered by id.</summary>
    ValueTask<IReadOnlyList<ClientRecord>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Removes a client; false when unknown.</summary>
    ValueTask<bool> DeleteAsync(string tenantId, string clientId, CancellationToken cancellationToken = default);
}
