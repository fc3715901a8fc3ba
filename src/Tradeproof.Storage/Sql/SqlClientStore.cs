using System.Data.Common;

namespace Tradeproof.Storage.Sql;

/// <summary>OAuth clients; scopes are stored space-separated (RFC 6749 §3.3 scope tokens contain no spaces).</summary>
internal sealed class SqlClientStore(SqlScope scope, StoreContext context) : IClientStore
{
    private const string Columns = "client_id, tenant_id, secret_hash, scopes, created_at";

    public ValueTask<bool> AddAsync(string tenantId, ClientRecord client, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentNullException.ThrowIfNull(client);
        context.Id(client.ClientId, "client id");
        if (!string.Equals(client.TenantId, tenantId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The client belongs to another tenant than the call names.", nameof(client));
        }

        if (client.SecretHash.Length != 32)
        {
            throw new ArgumentException("The secret hash must be a SHA-256 (ClientSecrets.Hash).", nameof(client));
        }

        ArgumentNullException.ThrowIfNull(client.Scopes);
        foreach (var s in client.Scopes)
        {
            if (string.IsNullOrEmpty(s) || s.Any(ch => ch <= ' ' || ch == '"' || ch == '\\' || ch > '~'))
            {
                throw new ArgumentException($"'{s}' is not a scope token (RFC 6749 §3.3).", nameof(client));
            }
        }

        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "INSERT INTO oauth_clients (client_id, tenant_id, secret_hash, scopes, created_at) VALUES (@id, @tenant, @hash, @scopes, @now) ON CONFLICT (client_id) DO NOTHING")
                .With("id", client.ClientId).With("tenant", tenantId).With("hash", client.SecretHash).With("scopes", string.Join(' ', client.Scopes)).With("now", context.NowMilliseconds)
                .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public ValueTask<ClientRecord?> GetAsync(string tenantId, string clientId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(clientId, "client id");
        return scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM oauth_clients WHERE tenant_id = @tenant AND client_id = @id")
            .With("tenant", tenantId).With("id", clientId).SingleOrDefaultAsync(Read, ct), cancellationToken);
    }

    public ValueTask<ClientRecord?> FindForAuthenticationAsync(string clientId, CancellationToken cancellationToken = default)
    {
        context.Id(clientId, "client id");
        return scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM oauth_clients WHERE client_id = @id").With("id", clientId).SingleOrDefaultAsync(Read, ct), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ClientRecord>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        return await scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM oauth_clients WHERE tenant_id = @tenant ORDER BY client_id")
            .With("tenant", tenantId).ListAsync(Read, ct), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> DeleteAsync(string tenantId, string clientId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(clientId, "client id");
        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "DELETE FROM oauth_clients WHERE tenant_id = @tenant AND client_id = @id").With("tenant", tenantId).With("id", clientId).ExecuteAsync(ct).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    private static ClientRecord Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetBytes(2), r.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries), StoreContext.FromMilliseconds(r.GetInt64(4)));
}
