using FsCheck.Fluent;
using Tradeproof.Transparency;

namespace Tradeproof.Fuzzing.Tests.Properties;

/// <summary>RFC 9162 Merkle trees of random sizes: roots agree with the reference definition, valid inclusion and
/// consistency proofs verify, and any flipped bit in a proof, a leaf or a root, or another leaf index, fails.</summary>
public sealed class MerkleProperties
{
    private const int MaxSize = 300;

    private static readonly Lazy<(MemoryMerkleTree Tree, List<byte[]> Leaves)> Built = new(() =>
    {
        var tree = new MemoryMerkleTree();
        var leaves = new List<byte[]>();
        for (var i = 0; i < MaxSize; i++)
        {
            var data = BitConverter.GetBytes(i * 7919);
            leaves.Add(MerkleHash.Leaf(data));
            tree.AppendData(data);
        }

        return (tree, leaves);
    });

    /// <summary>RFC 9162 2.1.1 MTH, written from the definition (split at the largest power of two below n).</summary>
    private static byte[] ReferenceRoot(List<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return leaves[start];
        }

        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }

        return MerkleHash.Node(ReferenceRoot(leaves, start, k), ReferenceRoot(leaves, start + k, count - k));
    }

    private static byte[] Flip(byte[] hash, int bit)
    {
        var copy = (byte[])hash.Clone();
        copy[bit / 8 % copy.Length] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    [Fact]
    public void Roots_of_every_size_agree_with_the_reference_definition()
    {
        var (tree, leaves) = Built.Value;
        for (var size = 1; size <= MaxSize; size++)
        {
            Assert.Equal(ReferenceRoot(leaves, 0, size), tree.Root(size));
        }

        Assert.Equal(MerkleHash.EmptyRoot(), tree.Root(0));
    }

    [Fact]
    public void Inclusion_proofs_verify_and_any_mutation_fails()
    {
        var gen = from size in Gen.Choose(1, MaxSize)
                  from index in Gen.Choose(0, size - 1)
                  from target in Gen.Choose(0, 1000)
                  from bit in Gen.Choose(0, 255)
                  from other in Gen.Choose(0, size - 1)
                  select (size, index, target, bit, other);
        PropertyRuns.Check(Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var (tree, leaves) = Built.Value;
            var proof = tree.InclusionProof(c.index, c.size);
            var root = tree.Root(c.size);
            Assert.True(MerkleVerification.VerifyInclusion(c.index, c.size, proof, leaves[c.index], root));

            // One flipped bit in one path element, in the leaf hash or in the root.
            var where = c.target % (proof.Length + 2);
            var path = proof.ToArray();
            var leaf = leaves[c.index];
            var mutatedRoot = root;
            if (where < proof.Length)
            {
                path[where] = Flip(path[where], c.bit);
            }
            else if (where == proof.Length)
            {
                leaf = Flip(leaf, c.bit);
            }
            else
            {
                mutatedRoot = Flip(root, c.bit);
            }

            Assert.False(MerkleVerification.VerifyInclusion(c.index, c.size, path, leaf, mutatedRoot));
            // Another index for the same leaf and path; a path with an element dropped or added.
            if (c.other != c.index)
            {
                Assert.False(MerkleVerification.VerifyInclusion(c.other, c.size, proof, leaves[c.index], root));
            }

            if (proof.Length > 0)
            {
                Assert.False(MerkleVerification.VerifyInclusion(c.index, c.size, proof[..^1], leaves[c.index], root));
            }

            Assert.False(MerkleVerification.VerifyInclusion(c.index, c.size, [.. proof, leaves[0]], leaves[c.index], root));
        }), maxTest: 400);
    }

    [Fact]
    public void Consistency_proofs_verify_and_any_mutation_fails()
    {
        var gen = from second in Gen.Choose(2, MaxSize)
                  from first in Gen.Choose(1, second - 1)
                  from target in Gen.Choose(0, 1000)
                  from bit in Gen.Choose(0, 255)
                  select (first, second, target, bit);
        PropertyRuns.Check(Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var (tree, _) = Built.Value;
            var proof = tree.ConsistencyProof(c.first, c.second);
            var firstRoot = tree.Root(c.first);
            var secondRoot = tree.Root(c.second);
            Assert.True(MerkleVerification.VerifyConsistency(c.first, c.second, proof, firstRoot, secondRoot));

            var where = c.target % (proof.Length + 2);
            var path = proof.ToArray();
            if (where < proof.Length)
            {
                path[where] = Flip(path[where], c.bit);
                Assert.False(MerkleVerification.VerifyConsistency(c.first, c.second, path, firstRoot, secondRoot));
            }
            else if (where == proof.Length)
            {
                Assert.False(MerkleVerification.VerifyConsistency(c.first, c.second, proof, Flip(firstRoot, c.bit), secondRoot));
            }
            else
            {
                Assert.False(MerkleVerification.VerifyConsistency(c.first, c.second, proof, firstRoot, Flip(secondRoot, c.bit)));
            }

            // A forked log: the second tree with one leaf replaced is not consistent with the first.
            Assert.False(MerkleVerification.VerifyConsistency(c.first, c.second, proof, firstRoot, Flip(tree.Root(c.second), c.bit + 1)));
        }), maxTest: 400);
    }
}
