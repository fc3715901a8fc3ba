namespace Tradeproof.Transparency;

/// <summary>
/// A whole tree in memory: every complete subtree by level. Serves proofs the way the store does (planned, then
/// folded from stored subtrees). For tests, tools and small logs.
/// </summary>
public sealed class MemoryMerkleTree
{
    private readonly List<List<byte[]>> _levels = [[]];
    private readonly CompactRange _edge = new();

    /// <summary>The number of leaves.</summary>
    public long Size => _edge.Size;

    /// <summary>Appends the leaf hash of <paramref name="data"/>; returns its index.</summary>
    public long AppendData(ReadOnlySpan<byte> data) => AppendLeafHash(MerkleHash.Leaf(data));

    /// <summary>Appends a leaf hash; returns its index.</summary>
    public long AppendLeafHash(byte[] leafHash)
    {
        var index = Size;
        _edge.Append(leafHash, (id, hash) =>
        {
            if (_levels.Count == id.Level)
            {
                _levels.Add([]);
            }

            _levels[id.Level].Add(hash);
        });
        return index;
    }

    /// <summary>A stored complete subtree.</summary>
    public byte[] Node(NodeId id) => _levels[id.Level][checked((int)id.Index)];

    /// <summary>MTH of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
        return size == 0 ? MerkleHash.EmptyRoot() : MerkleHash.FoldRight([.. MerkleMath.Decompose(0, size).Select(Node)]);
    }

    /// <summary>RFC 9162 2.1.3.1 inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public byte[][] InclusionProof(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
        return MerkleMath.PlanInclusion(index, size).Assemble(Node);
    }

    /// <summary>RFC 9162 2.1.4.1 consistency proof from the tree of <paramref name="first"/> leaves to that of <paramref name="second"/>.</summary>
    public byte[][] ConsistencyProof(long first, long second)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(second, Size);
        return MerkleMath.PlanConsistency(first, second).Assemble(Node);
    }
}
