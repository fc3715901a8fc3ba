namespace Tradeproof.Transparency;

/// <summary>
/// The right edge of a log of <see cref="Size"/> leaves: the hashes of its complete subtrees, one per set bit of the
/// size, largest first. Appending a leaf merges equal subtrees and reports each new complete subtree (so a store
/// keeps every one, amortized one interior node per leaf); the root is their right fold. O(log n) memory.
/// </summary>
public sealed class CompactRange
{
    private readonly List<byte[]> _hashes;

    /// <summary>The empty log.</summary>
    public CompactRange()
        : this(0, [])
    {
    }

    /// <summary>A log of <paramref name="size"/> leaves from its subtree hashes (as <see cref="Hashes"/> gives them).</summary>
    /// <exception cref="TransparencyException">Not one 32-byte hash per set bit of the size.</exception>
    public CompactRange(long size, IReadOnlyList<byte[]> hashes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count != System.Numerics.BitOperations.PopCount((ulong)size) || hashes.Any(h => h is null || h.Length != MerkleHash.Size))
        {
            throw new TransparencyException(TransparencyError.MalformedProof, $"A log of {size} leaves has {System.Numerics.BitOperations.PopCount((ulong)size)} subtree hashes of 32 bytes.");
        }

        Size = size;
        _hashes = [.. hashes.Select(h => (byte[])h.Clone())];
    }

    /// <summary>The number of leaves.</summary>
    public long Size { get; private set; }

    /// <summary>The complete subtree hashes, largest (leftmost) first.</summary>
    public IReadOnlyList<byte[]> Hashes => _hashes;

    /// <summary>The subtree ids of <see cref="Hashes"/>.</summary>
    public IReadOnlyList<NodeId> Nodes => Size == 0 ? [] : MerkleMath.Decompose(0, Size);

    /// <summary>The root hash, MTH(D[0:Size]).</summary>
    public byte[] Root() => MerkleHash.FoldRight(_hashes);

    /// <summary>Appends a leaf hash; <paramref name="completed"/> hears of every subtree this completes, level 0 (the leaf) first.</summary>
    public void Append(byte[] leafHash, Action<NodeId, byte[]>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        var index = Size;
        var hash = (byte[])leafHash.Clone();
        completed?.Invoke(new NodeId(0, index), hash);
        var level = 0;
        while ((index & 1) == 1)
        {
            var left = _hashes[^1];
            _hashes.RemoveAt(_hashes.Count - 1);
            hash = MerkleHash.Node(left, hash);
            index >>= 1;
            level++;
            completed?.Invoke(new NodeId(level, index), hash);
        }

        _hashes.Add(hash);
        Size++;
    }

    /// <summary>The subtree hashes as one byte string (32 bytes each), for storage.</summary>
    public byte[] ToBytes() => [.. _hashes.SelectMany(h => h)];

    /// <summary>The inverse of <see cref="ToBytes"/>.</summary>
    public static CompactRange FromBytes(long size, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % MerkleHash.Size != 0)
        {
            throw new TransparencyException(TransparencyError.MalformedProof, "Subtree hashes are 32 bytes each.");
        }

        var hashes = new List<byte[]>(bytes.Length / MerkleHash.Size);
        for (var i = 0; i < bytes.Length; i += MerkleHash.Size)
        {
            hashes.Add(bytes.Slice(i, MerkleHash.Size).ToArray());
        }

        return new CompactRange(size, hashes);
    }
}
