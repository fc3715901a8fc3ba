using System.Buffers.Binary;
using Tradeproof.Fuzz.Engine;
using Tradeproof.Transparency;

namespace Tradeproof.Fuzz.Targets;

/// <summary>
/// Inclusion and consistency proofs of one fixed tree of <see cref="TreeSize"/> leaves, as the bytes
/// <c>a (8, big-endian) || b (8) || hash1 (32) || hash2 (32) || path (32 each)</c>. The oracle knows the tree. RFC 9162
/// proofs bind hashes, not tree sizes (the signed checkpoint binds the size to its root): a proof for size 6 verifies
/// against the root of size 7 when its last hash is the 3-leaf subtree. So the property checked is the one clients rely
/// on: when the trusted root is the true root of its size, a proof that verifies names the true leaf (inclusion) or the
/// true earlier root (consistency); anything else verifying is a forgery.
/// </summary>
internal static class MerkleTargets
{
    public const int TreeSize = 70;

    private static readonly Lazy<MemoryMerkleTree> Tree = new(() =>
    {
        var tree = new MemoryMerkleTree();
        for (var i = 0; i < TreeSize; i++)
        {
            tree.AppendData(BitConverter.GetBytes(i));
        }

        return tree;
    });

    public static FuzzTarget Inclusion()
    {
        var tree = Tree.Value;
        var seeds = new List<byte[]>();
        foreach (var (index, size) in new (long, long)[] { (0, 1), (0, 2), (5, 7), (6, 7), (31, 64), (64, 70), (13, 70), (69, 70) })
        {
            seeds.Add(Encode(index, size, MerkleHash.Leaf(BitConverter.GetBytes((int)index)), tree.Root(size), tree.InclusionProof(index, size)));
        }

        return new FuzzTarget
        {
            Name = "merkle-inclusion",
            Seeds = seeds,
            DocumentedErrors = [typeof(TransparencyException)],
            Run = input =>
            {
                var (index, size, leaf, root, path) = Decode(input);
                if (MerkleVerification.VerifyInclusion(index, size, path, leaf, root)
                    && size is > 0 and <= TreeSize && root.AsSpan().SequenceEqual(tree.Root(size))
                    && !(index >= 0 && index < size && leaf.AsSpan().SequenceEqual(MerkleHash.Leaf(BitConverter.GetBytes((int)index)))))
                {
                    throw new FuzzOracleException($"A forged inclusion proof verified (index {index}, size {size}).");
                }
            },
        };
    }

    public static FuzzTarget Consistency()
    {
        var tree = Tree.Value;
        var seeds = new List<byte[]>();
        foreach (var (first, second) in new (long, long)[] { (1, 2), (3, 7), (4, 8), (7, 64), (64, 70), (1, 70), (69, 70), (5, 5) })
        {
            seeds.Add(Encode(first, second, tree.Root(first), tree.Root(second), tree.ConsistencyProof(first, second)));
        }

        return new FuzzTarget
        {
            Name = "merkle-consistency",
            Seeds = seeds,
            DocumentedErrors = [typeof(TransparencyException)],
            Run = input =>
            {
                var (first, second, firstRoot, secondRoot, path) = Decode(input);
                if (MerkleVerification.VerifyConsistency(first, second, path, firstRoot, secondRoot)
                    // The empty tree is a prefix of every tree (an empty proof, whatever the roots): documented.
                    && first != 0
                    && second is > 0 and <= TreeSize && secondRoot.AsSpan().SequenceEqual(tree.Root(second))
                    && !(first <= second && firstRoot.AsSpan().SequenceEqual(tree.Root(first))))
                {
                    throw new FuzzOracleException($"A forged consistency proof verified ({first} -> {second}).");
                }
            },
        };
    }

    public static byte[] Encode(long a, long b, byte[] hash1, byte[] hash2, IReadOnlyList<byte[]> path)
    {
        var bytes = new byte[16 + 64 + (32 * path.Count)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, a);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), b);
        hash1.CopyTo(bytes, 16);
        hash2.CopyTo(bytes, 48);
        for (var i = 0; i < path.Count; i++)
        {
            path[i].CopyTo(bytes, 80 + (32 * i));
        }

        return bytes;
    }

    /// <summary>Short inputs give short fields (hashes of the wrong length are the verifier's typed error to report).</summary>
    public static (long A, long B, byte[] Hash1, byte[] Hash2, List<byte[]> Path) Decode(byte[] input)
    {
        var span = input.AsSpan();
        var a = span.Length >= 8 ? BinaryPrimitives.ReadInt64BigEndian(span) : 0;
        var b = span.Length >= 16 ? BinaryPrimitives.ReadInt64BigEndian(span[8..]) : 0;
        var hash1 = Slice(span, 16, 32);
        var hash2 = Slice(span, 48, 32);
        var path = new List<byte[]>();
        for (var at = 80; at < span.Length; at += 32)
        {
            path.Add(Slice(span, at, 32));
        }

        return (a, b, hash1, hash2, path);
    }

    private static byte[] Slice(ReadOnlySpan<byte> span, int start, int length) =>
        start >= span.Length ? [] : span.Slice(start, Math.Min(length, span.Length - start)).ToArray();
}
