using Tradeproof.Transparency;

namespace Tradeproof.Storage;

/// <summary>A leaf of the log as stored: its index, its entry (hashes only) and its RFC 9162 leaf hash.</summary>
public sealed record LogLeafRecord(long Index, LogEntry Entry, byte[] LeafHash);

/// <summary>The size and root hash of the log.</summary>
public sealed record LogTreeHead(long Size, byte[] RootHash);

/// <summary>One of our signed checkpoints (a C2SP tlog-checkpoint note).</summary>
public sealed record StoredCheckpoint(long Size, byte[] RootHash, string Note, DateTimeOffset CreatedAt);

/// <summary>A witness's cosignature line of one of our checkpoints.</summary>
public sealed record StoredCosignature(long CheckpointSize, string Witness, string SignatureLine, DateTimeOffset ReceivedAt);

/// <summary>The latest checkpoint we witnessed of a partner log.</summary>
public sealed record PartnerCheckpoint(string Origin, long Size, byte[] RootHash, string Note, DateTimeOffset UpdatedAt);

/// <summary>
/// The node's transparency log (RFC 9162 Merkle tree; issue #8): one log per node, not per tenant (a leaf holds the
/// SHA-256 of its tenant id, never trade data). The store appends a leaf in the same transaction as every accepted
/// presentation, every stored credential and every appended twin event; indexes are contiguous. Every complete
/// subtree is stored when it completes, so a proof reads O(log n) rows.
/// </summary>
public interface ITransparencyLogStore
{
    /// <summary>The current size and root hash (the empty tree: size 0, SHA-256 of nothing).</summary>
    ValueTask<LogTreeHead> GetTreeHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The root hash of the first <paramref name="size"/> leaves (at most the current size).</summary>
    ValueTask<byte[]> GetRootAsync(long size, CancellationToken cancellationToken = default);

    /// <summary>Appends entries (in this call's transaction, or the unit of work's); returns their indexes.</summary>
    ValueTask<IReadOnlyList<long>> AppendAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>RFC 9162 inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Index or size out of range.</exception>
    ValueTask<byte[][]> GetInclusionProofAsync(long index, long size, CancellationToken cancellationToken = default);

    /// <summary>RFC 9162 consistency proof between the trees of <paramref name="first"/> and <paramref name="second"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Sizes out of range.</exception>
    ValueTask<byte[][]> GetConsistencyProofAsync(long first, long second, CancellationToken cancellationToken = default);

    /// <summary>Leaves from <paramref name="start"/> in index order, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<LogLeafRecord>> GetLeavesAsync(long start, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stored complete subtrees of <paramref name="level"/> (1 or more) from index <paramref name="start"/>, in index order (for audits).</summary>
    ValueTask<IReadOnlyList<(long Index, byte[] Hash)>> GetNodesAsync(int level, long start, int limit, CancellationToken cancellationToken = default);

    /// <summary>The indexes of the leaves recording a write (kind, tenant, record id), oldest first.</summary>
    ValueTask<IReadOnlyList<long>> FindLeavesAsync(LogEntryKind kind, string tenantId, string recordId, CancellationToken cancellationToken = default);

    /// <summary>The index of the first leaf with this leaf hash, or null.</summary>
    ValueTask<long?> FindLeafByHashAsync(byte[] leafHash, CancellationToken cancellationToken = default);

    /// <summary>Stores a signed checkpoint; false when one of this size exists already (nothing changed).</summary>
    ValueTask<bool> AddCheckpointAsync(long size, byte[] rootHash, string note, CancellationToken cancellationToken = default);

    /// <summary>The checkpoint of the largest size, or null.</summary>
    ValueTask<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Checkpoints of size above <paramref name="afterSize"/>, smallest first.</summary>
    ValueTask<IReadOnlyList<StoredCheckpoint>> ListCheckpointsAsync(long afterSize = -1, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Keeps a witness's cosignature line of our checkpoint of <paramref name="checkpointSize"/> (the latest per witness and checkpoint).</summary>
    ValueTask AddCosignatureAsync(long checkpointSize, string witness, string signatureLine, CancellationToken cancellationToken = default);

    /// <summary>The cosignatures of our checkpoint of <paramref name="checkpointSize"/>.</summary>
    ValueTask<IReadOnlyList<StoredCosignature>> ListCosignaturesAsync(long checkpointSize, CancellationToken cancellationToken = default);

    /// <summary>The latest checkpoint we witnessed of the partner log <paramref name="origin"/>, or null.</summary>
    ValueTask<PartnerCheckpoint?> GetPartnerCheckpointAsync(string origin, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a partner's checkpoint if the one we keep is still of <paramref name="expectedSize"/> (null: none kept):
    /// a compare-and-set, so two concurrent witness requests cannot both move the partner's head. False when it moved.
    /// </summary>
    ValueTask<bool> SavePartnerCheckpointAsync(string origin, long? expectedSize, long size, byte[] rootHash, string note, CancellationToken cancellationToken = default);
}
