namespace Tradeproof.Storage;

/// <summary>A status list as stored.</summary>
/// <param name="ListId">The list's id (its URL).</param>
/// <param name="Purpose">The status purpose (<c>revocation</c>, <c>suspension</c>, <c>message</c>, ...).</param>
/// <param name="Entries">How many entries the list has.</param>
/// <param name="StatusSize">Bits per entry (Bitstring Status List §2.1 <c>statusSize</c>).</param>
/// <param name="Bitstring">The uncompressed bitstring (left-most bit is index 0), <c>Entries × StatusSize / 8</c> bytes.</param>
/// <param name="NextIndex">The next index <see cref="IStatusListRepository.AllocateIndexAsync"/> will try.</param>
/// <param name="AllocatedCount">How many indexes are taken.</param>
public sealed record StatusListRecord(string ListId, string Purpose, int Entries, int StatusSize, ReadOnlyMemory<byte> Bitstring, long NextIndex, long AllocatedCount);

/// <summary>Outcome kind of an index allocation.</summary>
public enum IndexAllocationOutcome
{
    /// <summary>The index is now the credential's.</summary>
    Allocated,

    /// <summary>The index was taken before (indexes are never reused).</summary>
    Taken,

    /// <summary>Every index of the list is taken: open a new list.</summary>
    Exhausted,

    /// <summary>The list does not exist.</summary>
    UnknownList,
}

/// <summary>The result of allocating a status list index.</summary>
public sealed record IndexAllocation(IndexAllocationOutcome Outcome, int Index = -1);

/// <summary>
/// Bitstring status lists: the bits, and index allocation that never hands out an index twice (a taken index is a
/// row under a unique key; allocation is safe under concurrency and across processes).
/// </summary>
public interface IStatusListRepository
{
    /// <summary>Creates a zeroed list; false when a list with that id exists (unchanged).</summary>
    ValueTask<bool> CreateAsync(string tenantId, string listId, string purpose, int entries, int statusSize, CancellationToken cancellationToken = default);

    /// <summary>The list, or null.</summary>
    ValueTask<StatusListRecord?> GetAsync(string tenantId, string listId, CancellationToken cancellationToken = default);

    /// <summary>Allocates the next free index in order (sequential allocation).</summary>
    ValueTask<IndexAllocation> AllocateIndexAsync(string tenantId, string listId, string credentialId, CancellationToken cancellationToken = default);

    /// <summary>Takes a chosen index (random allocation for herd privacy, §6.1); <see cref="IndexAllocationOutcome.Taken"/> when taken before.</summary>
    ValueTask<IndexAllocation> TryReserveIndexAsync(string tenantId, string listId, int index, string credentialId, CancellationToken cancellationToken = default);

    /// <summary>Sets the status value of one entry; false when the list is unknown.</summary>
    ValueTask<bool> SetStatusAsync(string tenantId, string listId, int index, int value, CancellationToken cancellationToken = default);
}
