using System.Buffers;
using Tradeproof.Cryptography.Hashing;

namespace Tradeproof.Transparency;

/// <summary>
/// RFC 9162 section 2.1.1, Merkle Tree Hash (MTH) with SHA-256: a leaf is hashed as SHA-256(0x00 || data), an
/// interior node as SHA-256(0x01 || left || right), and the hash of the empty tree is SHA-256 of nothing.
/// </summary>
public static class MerkleHash
{
    /// <summary>The length of every hash (SHA-256).</summary>
    public const int Size = 32;

    /// <summary>MTH({}) = SHA-256() (RFC 9162 2.1.1).</summary>
    public static byte[] EmptyRoot() => Sha256.Hash([]);

    /// <summary>MTH({d(0)}) = SHA-256(0x00 || d(0)).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        // One-shot over 0x00 || data (a log entry is 106 bytes): no hash object per leaf.
        byte[]? rented = null;
        var input = data.Length < 512 ? stackalloc byte[1 + data.Length] : (rented = ArrayPool<byte>.Shared.Rent(1 + data.Length)).AsSpan(0, 1 + data.Length);
        try
        {
            input[0] = 0x00;
            data.CopyTo(input[1..]);
            return Sha256.Hash(input);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var result = new byte[Size];
        Node(left, right, result);
        return result;
    }

    /// <summary>SHA-256(0x01 || left || right) into <paramref name="destination"/> (32 bytes).</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException("Merkle node children are 32-byte SHA-256 hashes.");
        }

        Span<byte> input = stackalloc byte[1 + (2 * Size)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        Sha256.Hash(input, destination);
    }

    /// <summary>
    /// MTH(D[n]) computed directly from the definition (RFC 9162 2.1.1): k is the largest power of two smaller than
    /// n, MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). For tests and small trees; the store uses
    /// <see cref="CompactRange"/> and stored subtrees.
    /// </summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        return leafHashes.Count == 0 ? EmptyRoot() : RootOf(leafHashes, 0, leafHashes.Count);
    }

    private static byte[] RootOf(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = (int)MerkleMath.LargestPowerOfTwoBelow(count);
        return Node(RootOf(leaves, start, k), RootOf(leaves, start + k, count - k));
    }

    /// <summary>
    /// The hash of a range from its complete subtrees, largest (leftmost) first: the right fold
    /// h(s0, h(s1, ... h(s[n-2], s[n-1]))) that RFC 9162's recursion gives for a range whose start is aligned.
    /// </summary>
    public static byte[] FoldRight(IReadOnlyList<byte[]> subtrees)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        if (subtrees.Count == 0)
        {
            return EmptyRoot();
        }

        var result = subtrees[^1];
        for (var i = subtrees.Count - 2; i >= 0; i--)
        {
            result = Node(subtrees[i], result);
        }

        return result;
    }
}
