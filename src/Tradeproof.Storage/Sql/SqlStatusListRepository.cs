using System.Data.Common;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// Status lists (W3C Bitstring Status List v1.0): the bitstring with the left-most bit as index 0 (§4.1), and
/// index allocation where a taken index is a row under a primary key, so it is never handed out twice.
/// </summary>
internal sealed class SqlStatusListRepository(SqlScope scope, StoreContext context) : IStatusListRepository
{
    public ValueTask<bool> CreateAsync(string tenantId, string listId, string purpose, int entries, int statusSize, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(listId, "list id");
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusSize, 16);
        var bits = (long)entries * statusSize;
        if (bits % 8 != 0 || bits / 8 > context.MaxBitstringBytes)
        {
            throw new ArgumentException("entries × statusSize must be a whole number of bytes within the content limit.", nameof(entries));
        }

        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "INSERT INTO status_lists (tenant_id, id, purpose, entries, status_size, bitstring, next_index, allocated_count) " +
                    "VALUES (@tenant, @id, @purpose, @entries, @size, @bits, 0, 0) ON CONFLICT (tenant_id, id) DO NOTHING")
                .With("tenant", tenantId).With("id", listId).With("purpose", purpose).With("entries", (long)entries).With("size", (long)statusSize)
                .With("bits", new byte[bits / 8]).ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public ValueTask<StatusListRecord?> GetAsync(string tenantId, string listId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(listId, "list id");
        return scope.ReadAsync((c, t, ct) => c.Command(t,
                "SELECT id, purpose, entries, status_size, bitstring, next_index, allocated_count FROM status_lists WHERE tenant_id = @tenant AND id = @id")
            .With("tenant", tenantId).With("id", listId)
            .SingleOrDefaultAsync(r => new StatusListRecord(r.GetString(0), r.GetString(1), (int)r.GetInt64(2), (int)r.GetInt64(3), r.GetBytes(4), r.GetInt64(5), r.GetInt64(6)), ct),
            cancellationToken);
    }

    public ValueTask<IndexAllocation> AllocateIndexAsync(string tenantId, string listId, string credentialId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(listId, "list id");
        context.Id(credentialId, "credential id");
        return scope.WriteAsync(async (c, t, ct) =>
        {
            while (true)
            {
                // The UPDATE takes the list's row lock (PostgreSQL) or runs under SQLite's single writer: the
                // counter moves forward once per attempt and never back.
                var candidate = await c.Command(t,
                        "UPDATE status_lists SET next_index = next_index + 1 WHERE tenant_id = @tenant AND id = @id AND next_index < entries RETURNING next_index - 1")
                    .With("tenant", tenantId).With("id", listId).ScalarAsync(ct).ConfigureAwait(false);
                if (candidate is null)
                {
                    var exists = await c.Command(t, "SELECT 1 FROM status_lists WHERE tenant_id = @tenant AND id = @id")
                        .With("tenant", tenantId).With("id", listId).ScalarAsync(ct).ConfigureAwait(false);
                    return new IndexAllocation(exists is null ? IndexAllocationOutcome.UnknownList : IndexAllocationOutcome.Exhausted);
                }

                var index = SqlCommands.ToInt64(candidate);
                if (await TakeAsync(c, t, tenantId, listId, index, credentialId, ct).ConfigureAwait(false))
                {
                    return new IndexAllocation(IndexAllocationOutcome.Allocated, (int)index);
                }

                // Taken before by a chosen (random) reservation: try the next one.
            }
        }, cancellationToken);
    }

    public ValueTask<IndexAllocation> TryReserveIndexAsync(string tenantId, string listId, int index, string credentialId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(listId, "list id");
        context.Id(credentialId, "credential id");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return scope.WriteAsync(async (c, t, ct) =>
        {
            // Lock the list row first, as allocation does: one lock order for every writer of a list, so no deadlock.
            var entries = await c.Command(t, $"SELECT entries FROM status_lists WHERE tenant_id = @tenant AND id = @id{scope.Dialect.ForUpdate}")
                .With("tenant", tenantId).With("id", listId).ScalarAsync(ct).ConfigureAwait(false);
            if (entries is null)
            {
                return new IndexAllocation(IndexAllocationOutcome.UnknownList);
            }

            if (index >= SqlCommands.ToInt64(entries))
            {
                throw new ArgumentOutOfRangeException(nameof(index), "The index is outside the list.");
            }

            return await TakeAsync(c, t, tenantId, listId, index, credentialId, ct).ConfigureAwait(false)
                ? new IndexAllocation(IndexAllocationOutcome.Allocated, index)
                : new IndexAllocation(IndexAllocationOutcome.Taken, index);
        }, cancellationToken);
    }

    public ValueTask<bool> SetStatusAsync(string tenantId, string listId, int index, int value, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(listId, "list id");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return scope.WriteAsync(async (c, t, ct) =>
        {
            var list = await c.Command(t, $"SELECT entries, status_size, bitstring FROM status_lists WHERE tenant_id = @tenant AND id = @id{scope.Dialect.ForUpdate}")
                .With("tenant", tenantId).With("id", listId)
                .SingleOrDefaultAsync(r => new Tuple<long, long, byte[]>(r.GetInt64(0), r.GetInt64(1), r.GetBytes(2)), ct).ConfigureAwait(false);
            if (list is null)
            {
                return false;
            }

            var (entries, size, bits) = (list.Item1, (int)list.Item2, list.Item3);
            if (index >= entries)
            {
                throw new ArgumentOutOfRangeException(nameof(index), "The index is outside the list.");
            }

            if (value >= 1 << size)
            {
                throw new ArgumentOutOfRangeException(nameof(value), $"The value does not fit in {size} bits.");
            }

            // §4.1: index i occupies bits i×size .. i×size+size-1, bit 0 being the most significant bit of byte 0.
            var first = (long)index * size;
            for (var b = 0; b < size; b++)
            {
                var position = first + b;
                var mask = (byte)(0x80 >> (int)(position % 8));
                var on = ((value >> (size - 1 - b)) & 1) == 1;
                bits[position / 8] = on ? (byte)(bits[position / 8] | mask) : (byte)(bits[position / 8] & ~mask);
            }

            await c.Command(t, "UPDATE status_lists SET bitstring = @bits WHERE tenant_id = @tenant AND id = @id")
                .With("tenant", tenantId).With("id", listId).With("bits", bits).ExecuteAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private async ValueTask<bool> TakeAsync(DbConnection c, DbTransaction t, string tenantId, string listId, long index, string credentialId, CancellationToken ct)
    {
        var inserted = await c.Command(t, "INSERT INTO status_list_indexes (tenant_id, list_id, entry_index, credential_id, allocated_at) " +
                "VALUES (@tenant, @list, @index, @credential, @now) ON CONFLICT (tenant_id, list_id, entry_index) DO NOTHING")
            .With("tenant", tenantId).With("list", listId).With("index", index).With("credential", credentialId).With("now", context.NowMilliseconds)
            .ExecuteAsync(ct).ConfigureAwait(false);
        if (inserted == 0)
        {
            return false;
        }

        await c.Command(t, "UPDATE status_lists SET allocated_count = allocated_count + 1 WHERE tenant_id = @tenant AND id = @id")
            .With("tenant", tenantId).With("id", listId).ExecuteAsync(ct).ConfigureAwait(false);
        return true;
    }
}
