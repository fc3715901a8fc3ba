using System.Security.Cryptography;

namespace Tradeproof.Transparency.Tests;

/// <summary>Vectors: RFC 6962/9162 hashing with the certificate-transparency project's eight test leaves; behaviour: every proof of every small tree.</summary>
public class MerkleTreeTests
{
    private static readonly string[] Leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static MemoryMerkleTree VectorTree()
    {
        var tree = new MemoryMerkleTree();
        foreach (var leaf in Leaves)
        {
            tree.AppendData(Convert.FromHexString(leaf));
        }

        return tree;
    }

    private static byte[][] Hex(params string[] values) => [.. values.Select(Convert.FromHexString)];

    private static MemoryMerkleTree TreeOf(int size, out List<byte[]> leafHashes)
    {
        var tree = new MemoryMerkleTree();
        leafHashes = [];
        for (var i = 0; i < size; i++)
        {
            leafHashes.Add(MerkleHash.Leaf(BitConverter.GetBytes(i)));
            tree.AppendLeafHash(leafHashes[^1]);
        }

        return tree;
    }

    [Fact]
    public void Empty_tree_hash_is_sha256_of_nothing() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleHash.EmptyRoot()));

    [Fact]
    public void Hand_computed_three_leaf_tree()
    {
        byte[] a = [1], b = [2], c = [3];
        var la = SHA256.HashData([0x00, 1]);
        var lb = SHA256.HashData([0x00, 2]);
        var lc = SHA256.HashData([0x00, 3]);
        var ab = SHA256.HashData([0x01, .. la, .. lb]);
        var expected = SHA256.HashData([0x01, .. ab, .. lc]);

        var tree = new MemoryMerkleTree();
        tree.AppendData(a);
        tree.AppendData(b);
        tree.AppendData(c);

        Assert.Equal(expected, tree.Root(3));
        Assert.Equal(ab, tree.Root(2));
        Assert.Equal([ab], tree.InclusionProof(2, 3));
        Assert.Equal([lb, lc], tree.InclusionProof(0, 3));
        Assert.Equal([lc], tree.ConsistencyProof(2, 3));
        Assert.Equal([lb, lc], tree.ConsistencyProof(1, 3));
    }

    [Fact]
    public void Roots_match_the_vectors_for_every_size()
    {
        var tree = VectorTree();
        for (var size = 1; size <= 8; size++)
        {
            Assert.Equal(Roots[size - 1], Convert.ToHexStringLower(tree.Root(size)));
            Assert.Equal(Roots[size - 1], Convert.ToHexStringLower(MerkleHash.Root([.. Leaves.Take(size).Select(l => MerkleHash.Leaf(Convert.FromHexString(l)))])));
        }
    }

    [Fact]
    public void Inclusion_proofs_match_the_vectors()
    {
        var tree = VectorTree();
        Assert.Empty(tree.InclusionProof(0, 1));
        Assert.Equal(Hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), tree.InclusionProof(0, 8));
        Assert.Equal(Hex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), tree.InclusionProof(5, 8));
    }

    [Fact]
    public void Consistency_proofs_match_the_vectors()
    {
        var tree = VectorTree();
        Assert.Equal(Hex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), tree.ConsistencyProof(1, 8));
        Assert.Equal(Hex("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), tree.ConsistencyProof(6, 8));
        Assert.Equal(Hex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), tree.ConsistencyProof(2, 5));
        Assert.Empty(tree.ConsistencyProof(8, 8));
    }

    [Fact]
    public void Every_leaf_of_every_size_up_to_64_proves_and_every_mutation_fails()
    {
        var tree = TreeOf(64, out var leaves);
        for (var size = 1; size <= 64; size++)
        {
            var root = tree.Root(size);
            Assert.Equal(MerkleHash.Root(leaves[..size]), root);
            for (var index = 0; index < size; index++)
            {
                var proof = tree.InclusionProof(index, size);
                Assert.True(MerkleVerification.VerifyInclusion(index, size, proof, leaves[index], root), $"leaf {index} of {size}");
                Assert.False(MerkleVerification.VerifyInclusion(index, size, proof, leaves[(index + 1) % 64], root));
                if (size > 1)
                {
                    Assert.False(MerkleVerification.VerifyInclusion((index + 1) % size, size, proof, leaves[index], root));
                }

                foreach (var mutated in Mutations(proof))
                {
                    Assert.False(MerkleVerification.VerifyInclusion(index, size, mutated, leaves[index], root), $"mutated proof of leaf {index} of {size}");
                }
            }
        }
    }

    [Fact]
    public void Every_pair_of_sizes_up_to_64_is_consistent_and_every_mutation_fails()
    {
        var tree = TreeOf(64, out _);
        for (var second = 1; second <= 64; second++)
        {
            var secondRoot = tree.Root(second);
            for (var first = 1; first <= second; first++)
            {
                var firstRoot = tree.Root(first);
                var proof = tree.ConsistencyProof(first, second);
                Assert.True(MerkleVerification.VerifyConsistency(first, second, proof, firstRoot, secondRoot), $"{first} -> {second}");
                if (first != second)
                {
                    Assert.False(MerkleVerification.VerifyConsistency(first, second, proof, secondRoot, secondRoot), $"A {first} {second}");
                    Assert.False(MerkleVerification.VerifyConsistency(first, second, proof, firstRoot, firstRoot));
                }

                foreach (var mutated in Mutations(proof))
                {
                    Assert.False(MerkleVerification.VerifyConsistency(first, second, mutated, firstRoot, secondRoot), $"mutated proof {first} -> {second}");
                }
            }
        }
    }

    [Fact]
    public void A_forked_tree_is_not_consistent()
    {
        var tree = TreeOf(20, out var leaves);
        var fork = new MemoryMerkleTree();
        for (var i = 0; i < 20; i++)
        {
            fork.AppendLeafHash(i == 7 ? MerkleHash.Leaf([0xff]) : leaves[i]);
        }

        Assert.False(MerkleVerification.VerifyConsistency(10, 20, fork.ConsistencyProof(10, 20), tree.Root(10), fork.Root(20)));
        Assert.False(MerkleVerification.VerifyConsistency(10, 20, tree.ConsistencyProof(10, 20), tree.Root(10), fork.Root(20)));
    }

    [Fact]
    public void Compact_range_round_trips_and_reports_each_complete_subtree_once()
    {
        var range = new CompactRange();
        var reported = new List<NodeId>();
        var tree = TreeOf(37, out var leaves);
        foreach (var leaf in leaves)
        {
            range.Append(leaf, (id, hash) =>
            {
                reported.Add(id);
                Assert.Equal(tree.Node(id), hash);
            });
        }

        Assert.Equal(tree.Root(37), range.Root());
        Assert.Equal(37 + 18 + 9 + 4 + 2 + 1, reported.Count);
        Assert.Equal(reported.Count, reported.Distinct().Count());
        var restored = CompactRange.FromBytes(37, range.ToBytes());
        Assert.Equal(range.Root(), restored.Root());
        Assert.Throws<TransparencyException>(() => CompactRange.FromBytes(39, range.ToBytes()));
    }

    [Fact]
    public void Malformed_proofs_and_ranges_are_typed_errors()
    {
        var root = new byte[32];
        Assert.Equal(TransparencyError.MalformedProof, Assert.Throws<TransparencyException>(() => MerkleVerification.VerifyInclusion(0, 2, [new byte[31]], root, root)).Error);
        Assert.Equal(TransparencyError.MalformedProof, Assert.Throws<TransparencyException>(() => MerkleVerification.VerifyConsistency(1, 2, [.. Enumerable.Repeat(new byte[32], 65)], root, root)).Error);
        Assert.Equal(TransparencyError.MalformedProof, Assert.Throws<TransparencyException>(() => MerkleMath.PlanInclusion(5, 5)).Error);
        Assert.Equal(TransparencyError.MalformedProof, Assert.Throws<TransparencyException>(() => MerkleMath.PlanConsistency(6, 5)).Error);
        Assert.False(MerkleVerification.VerifyInclusion(2, 2, [], root, root));
        Assert.False(MerkleVerification.VerifyConsistency(1, 2, [], root, root));
    }

    [Fact]
    public void A_proof_at_a_million_leaves_needs_few_subtrees()
    {
        Assert.Equal(20, MerkleMath.PlanInclusion(0, 1_000_000).Elements.Count);
        var inclusion = MerkleMath.PlanInclusion(999_999, 1_000_000);
        Assert.InRange(inclusion.Elements.Count, 1, 20);
        Assert.True(inclusion.Nodes.Count <= 40);
        var consistency = MerkleMath.PlanConsistency(333_333, 1_000_000);
        Assert.True(consistency.Nodes.Count <= 60);
    }

    /// <summary>Each hash flipped in one bit, each hash dropped, one hash added, neighbours swapped.</summary>
    private static IEnumerable<byte[][]> Mutations(byte[][] proof)
    {
        for (var i = 0; i < proof.Length; i++)
        {
            var flipped = proof.Select(h => (byte[])h.Clone()).ToArray();
            flipped[i][i % 32] ^= 0x01;
            yield return flipped;
            yield return [.. proof.Take(i), .. proof.Skip(i + 1)];
            if (i + 1 < proof.Length && !proof[i].AsSpan().SequenceEqual(proof[i + 1]))
            {
                var swapped = (byte[][])proof.Clone();
                (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                yield return swapped;
            }
        }

        yield return [.. proof, new byte[32]];
    }
}
