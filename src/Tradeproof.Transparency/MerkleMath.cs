using System.Numerics;

namespace Tradeproof.Transparency;

/// <summary>
/// A complete subtree of the log: the 2^<see cref="Level"/> leaves starting at leaf
/// <see cref="Index"/> × 2^<see cref="Level"/>. Level 0 is a leaf hash. Every complete subtree is stored once, when its
/// last leaf is appended, so any range hash RFC 9162 needs is a fold of a few stored subtrees.
/// </summary>
public readonly record struct NodeId(int Level, long Index)
{
    /// <summary>The first leaf the subtree covers.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>The number of leaves the subtree covers.</summary>
    public long Width => 1L << Level;
}

/// <summary>Tree arithmetic shared by the proofs and the store.</summary>
public static class MerkleMath
{
    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n &gt; 1), RFC 9162's k.</summary>
    public static long LargestPowerOfTwoBelow(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        return 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
    }

    /// <summary>
    /// The complete subtrees, left to right (largest first), whose right fold is MTH(D[start:end]). RFC 9162's recursion
    /// only ever asks for ranges whose start is a multiple of the largest power of two not below their width, which
    /// is what makes every left part complete.
    /// </summary>
    public static IReadOnlyList<NodeId> Decompose(long start, long end)
    {
        if (start < 0 || end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "A range holds at least one leaf.");
        }

        var result = new List<NodeId>(BitOperations.PopCount((ulong)(end - start)));
        var position = start;
        for (var level = 62; level >= 0; level--)
        {
            var width = 1L << level;
            if (((end - start) & width) != 0)
            {
                if (position % width != 0)
                {
                    throw new ArgumentException("The range is not aligned as RFC 9162's recursion makes it.", nameof(start));
                }

                result.Add(new NodeId(level, position >> level));
                position += width;
            }
        }

        return result;
    }

    /// <summary>
    /// RFC 9162 2.1.3.1: the ranges whose hashes form the inclusion proof PATH(m, D[n]), deepest sibling first.
    /// </summary>
    public static ProofPlan PlanInclusion(long leafIndex, long treeSize)
    {
        if (treeSize < 1 || leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new TransparencyException(TransparencyError.MalformedProof, $"Leaf {leafIndex} is not in a tree of {treeSize} leaves.");
        }

        // Top-down: at each level keep the part holding m and record the other part; PATH lists them bottom-up.
        var ranges = new List<(long Start, long End)>();
        long m = leafIndex, start = 0, n = treeSize;
        while (n > 1)
        {
            var k = LargestPowerOfTwoBelow(n);
            if (m < k)
            {
                ranges.Add((start + k, start + n));
                n = k;
            }
            else
            {
                ranges.Add((start, start + k));
                m -= k;
                start += k;
                n -= k;
            }
        }

        ranges.Reverse();
        return new ProofPlan(ranges);
    }

    /// <summary>
    /// RFC 9162 2.1.4.1: the ranges whose hashes form the consistency proof PROOF(m, D[n]) between the tree of
    /// <paramref name="first"/> leaves and the tree of <paramref name="second"/> leaves. Empty when m = 0 or m = n.
    /// </summary>
    public static ProofPlan PlanConsistency(long first, long second)
    {
        if (first < 0 || second < first)
        {
            throw new TransparencyException(TransparencyError.MalformedProof, $"No consistency proof from {first} to {second} leaves.");
        }

        var ranges = new List<(long Start, long End)>();
        if (first == 0 || first == second)
        {
            return new ProofPlan(ranges);
        }

        // SUBPROOF(m, D[start:start+n], b), top-down; the elements are appended, so reverse at the end.
        long m = first, start = 0, n = second;
        var b = true;
        while (m != n)
        {
            var k = LargestPowerOfTwoBelow(n);
            if (m <= k)
            {
                ranges.Add((start + k, start + n));
                n = k;
            }
            else
            {
                ranges.Add((start, start + k));
                m -= k;
                start += k;
                n -= k;
                b = false;
            }
        }

        if (!b)
        {
            ranges.Add((start, start + m));
        }

        ranges.Reverse();
        return new ProofPlan(ranges);
    }
}

/// <summary>
/// The ranges of a proof, each hashed as the fold of its stored complete subtrees: planning first lets a store read
/// every node a proof needs in one query (O(log n) rows).
/// </summary>
public sealed class ProofPlan
{
    internal ProofPlan(List<(long Start, long End)> ranges)
    {
        Ranges = ranges;
        Elements = [.. ranges.Select(r => MerkleMath.Decompose(r.Start, r.End))];
    }

    /// <summary>The leaf ranges [start, end) of the proof's hashes, in proof order.</summary>
    public IReadOnlyList<(long Start, long End)> Ranges { get; }

    /// <summary>For each proof hash, the complete subtrees it folds.</summary>
    public IReadOnlyList<IReadOnlyList<NodeId>> Elements { get; }

    /// <summary>Every distinct subtree the proof needs.</summary>
    public IReadOnlyList<NodeId> Nodes => [.. Elements.SelectMany(e => e).Distinct()];

    /// <summary>The proof's hashes from the subtrees' hashes.</summary>
    public byte[][] Assemble(Func<NodeId, byte[]> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var proof = new byte[Elements.Count][];
        for (var i = 0; i < proof.Length; i++)
        {
            proof[i] = MerkleHash.FoldRight([.. Elements[i].Select(node)]);
        }

        return proof;
    }
}
