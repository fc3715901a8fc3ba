using System.Data.Common;

namespace Tradeproof.Storage.Sql;

internal sealed class SqlTenantStore(SqlScope scope, StoreContext context) : ITenantStore
{
    private const string Columns = "id, display_name, public_verification, created_at";

    public ValueTask<TenantCreateOutcome> CreateAsync(TenantRecord tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        context.Id(tenant.Id, "tenant id");
        ArgumentNullException.ThrowIfNull(tenant.DisplayName);
        return scope.WriteAsync(async (c, t, ct) =>
        {
            var inserted = await c.Command(t, "INSERT INTO tenants (id, display_name, public_verification, created_at) VALUES (@id, @name, @public, @now) ON CONFLICT (id) DO NOTHING")
                .With("id", tenant.Id).With("name", tenant.DisplayName).With("public", tenant.PublicVerification).With("now", context.NowMilliseconds)
                .ExecuteAsync(ct).ConfigureAwait(false);
            return inserted == 1 ? TenantCreateOutcome.Created : TenantCreateOutcome.AlreadyExists;
        }, cancellationToken);
    }

    public ValueTask<TenantRecord?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        return scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM tenants WHERE id = @id").With("id", tenantId).SingleOrDefaultAsync(Read, ct), cancellationToken);
    }

    public async ValueTask<IReadOnlyList<TenantRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        await scope.ReadAsync(async (c, t, ct) => await c.Command(t, $"SELECT {Columns} FROM tenants ORDER BY id").ListAsync(Read, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> UpdateAsync(TenantRecord tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        context.Id(tenant.Id, "tenant id");
        ArgumentNullException.ThrowIfNull(tenant.DisplayName);
        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "UPDATE tenants SET display_name = @name, public_verification = @public WHERE id = @id")
                .With("id", tenant.Id).With("name", tenant.DisplayName).With("public", tenant.PublicVerification)
                .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    private static TenantRecord Read(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetBoolean(2), StoreContext.FromMilliseconds(r.GetInt64(3)));
}
