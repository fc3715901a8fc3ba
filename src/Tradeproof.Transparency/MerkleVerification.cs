namespace Tradeproof.Transparency;

/// <summary>
/// Verification of inclusion and consistency proofs, step by step as RFC 9162 sections 2.1.3.2 and 2.1.4.2 write it.
/// A proof that does not verify returns false; one of the wrong shape (hash length) throws
/// <see cref="TransparencyException"/>.
/// </summary>
public static class MerkleVerification
{
    /// <summary>RFC 9162 2.1.3.2: does <paramref name="inclusionPath"/> prove <paramref name="leafHash"/> at <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves with <paramref name="rootHash"/>?</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, IReadOnlyList<byte[]> inclusionPath, ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> rootHash)
    {
        ArgumentNullException.ThrowIfNull(inclusionPath);
        CheckHashes(inclusionPath);
        if (leafHash.Length != MerkleHash.Size || rootHash.Length != MerkleHash.Size)
        {
            throw new TransparencyException(TransparencyError.MalformedProof, "Leaf and root hashes are 32 bytes.");
        }

        // 1. leaf_index >= tree_size: fail.
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return false;
        }

        // 2. fn = leaf_index, sn = tree_size - 1.
        var fn = leafIndex;
        var sn = treeSize - 1;

        // 3. r = hash.
        var r = leafHash.ToArray();

        // 4. For each p in inclusion_path:
        foreach (var p in inclusionPath)
        {
            // a. sn = 0: fail.
            if (sn == 0)
            {
                return false;
            }

            // b. LSB(fn) set, or fn = sn: r = HASH(0x01 || p || r), then, unless LSB(fn) is set, shift fn and sn
            //    right until LSB(fn) is set or fn = 0. Otherwise r = HASH(0x01 || r || p).
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.Node(r, p, r);
            }

            // c. Shift fn and sn right by one.
            fn >>= 1;
            sn >>= 1;
        }

        // 5. sn = 0 and r = root_hash.
        return sn == 0 && r.AsSpan().SequenceEqual(rootHash);
    }

    /// <summary>
    /// RFC 9162 2.1.4.2: does <paramref name="consistencyPath"/> prove that the tree of <paramref name="first"/> leaves
    /// with <paramref name="firstHash"/> is a prefix of the tree of <paramref name="second"/> leaves with
    /// <paramref name="secondHash"/>? Also: equal sizes need an empty proof and equal roots; the empty tree is a prefix
    /// of every tree (empty proof).
    /// </summary>
    public static bool VerifyConsistency(long first, long second, IReadOnlyList<byte[]> consistencyPath, ReadOnlySpan<byte> firstHash, ReadOnlySpan<byte> secondHash)
    {
        ArgumentNullException.ThrowIfNull(consistencyPath);
        CheckHashes(consistencyPath);
        if (firstHash.Length != MerkleHash.Size || secondHash.Length != MerkleHash.Size)
        {
            throw new TransparencyException(TransparencyError.MalformedProof, "Root hashes are 32 bytes.");
        }

        if (first < 0 || second < first)
        {
            return false;
        }

        if (first == second)
        {
            return consistencyPath.Count == 0 && firstHash.SequenceEqual(secondHash);
        }

        if (first == 0)
        {
            return consistencyPath.Count == 0;
        }

        // 1. An empty consistency_path: fail.
        if (consistencyPath.Count == 0)
        {
            return false;
        }

        // 2. first an exact power of 2: prepend first_hash.
        var path = new List<byte[]>(consistencyPath.Count + 1);
        if ((first & (first - 1)) == 0)
        {
            path.Add(firstHash.ToArray());
        }

        path.AddRange(consistencyPath);

        // 3. fn = first - 1, sn = second - 1.
        var fn = first - 1;
        var sn = second - 1;

        // 4. LSB(fn) set: shift fn and sn right until it is not.
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // 5. fr = sr = the first value of the path.
        var fr = (byte[])path[0].Clone();
        var sr = (byte[])path[0].Clone();

        // 6. For each subsequent c:
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];

            // a. sn = 0: fail.
            if (sn == 0)
            {
                return false;
            }

            // b. LSB(fn) set or fn = sn: fr = HASH(0x01 || c || fr), sr = HASH(0x01 || c || sr), then, unless LSB(fn)
            //    is set, shift fn and sn right until LSB(fn) is set or fn = 0. Otherwise sr = HASH(0x01 || sr || c).
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.Node(sr, c, sr);
            }

            // c. Shift fn and sn right by one.
            fn >>= 1;
            sn >>= 1;
        }

        // 7. fr = first_hash, sr = second_hash and sn = 0.
        return sn == 0 && fr.AsSpan().SequenceEqual(firstHash) && sr.AsSpan().SequenceEqual(secondHash);
    }

    private static void CheckHashes(IReadOnlyList<byte[]> path)
    {
        if (path.Count > 64)
        {
            throw new TransparencyException(TransparencyError.MalformedProof, "A proof has at most 64 hashes.");
        }

        foreach (var hash in path)
        {
            if (hash is null || hash.Length != MerkleHash.Size)
            {
                throw new TransparencyException(TransparencyError.MalformedProof, "Every proof hash is 32 bytes.");
            }
        }
    }
}
