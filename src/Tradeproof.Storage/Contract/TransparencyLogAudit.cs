using Tradeproof.Transparency;

namespace Tradeproof.Storage;

/// <summary>What an audit of the transparency log found.</summary>
/// <param name="Leaves">The leaves read.</param>
/// <param name="Checkpoints">The signed checkpoints compared.</param>
/// <param name="FirstMismatchIndex">The lowest leaf index found not to match (its data, its stored hash, its pair's stored subtree, or the first checkpoint whose root differs), or null.</param>
/// <param name="Problems">Each finding, in the order found.</param>
public sealed record LogAuditReport(long Leaves, int Checkpoints, long? FirstMismatchIndex, IReadOnlyList<string> Problems)
{
    /// <summary>The problem found at <see cref="FirstMismatchIndex"/> (the first one reported for that index), or null.</summary>
    public string? FirstMismatchReason { get; init; }

    /// <summary>Nothing was found.</summary>
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Audits the log (<c>tradeproof log audit</c>): recomputes every leaf hash from its stored entry, the tree from the
/// leaves (checking every stored level-1 subtree on the way, which pins a rewritten leaf to its pair even when its
/// stored hash was rewritten too), every signed checkpoint's root at its size, and each checkpoint's signature.
/// One pass in leaf order, O(log n) memory.
/// </summary>
public static class TransparencyLogAudit
{
    /// <summary>Runs the audit; <paramref name="logKey"/> verifies the checkpoints' signatures (null: not checked).</summary>
    public static async Task<LogAuditReport> RunAsync(ITransparencyLogStore log, NoteVerifier? logKey, int pageSize = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 2);
        pageSize &= ~1;
        var problems = new List<string>();
        long? first = null;
        string? firstReason = null;
        void Mismatch(long index, string problem)
        {
            problems.Add(problem);
            if (first is null || index < first.Value)
            {
                (first, firstReason) = (index, problem);
            }
        }

        var checkpoints = new List<StoredCheckpoint>();
        for (var after = -1L; ;)
        {
            var page = await log.ListCheckpointsAsync(after, 1000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            checkpoints.AddRange(page);
            after = page[^1].Size;
        }

        foreach (var checkpoint in checkpoints)
        {
            if (logKey is null)
            {
                continue;
            }

            try
            {
                var (_, signed) = Checkpoint.ParseAndVerify(checkpoint.Note, logKey);
                if (signed.Size != checkpoint.Size || !signed.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash))
                {
                    problems.Add($"checkpoint {checkpoint.Size}: the signed note says size {signed.Size} and another root than its row");
                }
            }
            catch (TransparencyException e)
            {
                problems.Add($"checkpoint {checkpoint.Size}: {e.Message}");
            }
        }

        var range = new CompactRange();
        var next = 0;
        long? lastBadLeaf = null;
        void CompareCheckpoints()
        {
            while (next < checkpoints.Count && checkpoints[next].Size == range.Size)
            {
                if (!range.Root().AsSpan().SequenceEqual(checkpoints[next].RootHash))
                {
                    Mismatch(Math.Max(0, range.Size - 1), $"checkpoint {range.Size}: the root recomputed from the leaves differs from the signed one (a leaf at or before index {range.Size - 1} changed)");
                }

                next++;
            }
        }

        CompareCheckpoints();
        for (var start = 0L; ; start += pageSize)
        {
            var leaves = await log.GetLeavesAsync(start, pageSize, cancellationToken).ConfigureAwait(false);
            if (leaves.Count == 0)
            {
                break;
            }

            var pairs = (await log.GetNodesAsync(1, start / 2, pageSize / 2, cancellationToken).ConfigureAwait(false)).ToDictionary(n => n.Index, n => n.Hash);
            foreach (var leaf in leaves)
            {
                if (leaf.Index != range.Size)
                {
                    Mismatch(range.Size, $"leaf {range.Size} is missing (the next stored leaf is {leaf.Index})");
                    return new LogAuditReport(range.Size, next, first, problems) { FirstMismatchReason = firstReason };
                }

                var computed = leaf.Entry.LeafHash();
                if (!computed.AsSpan().SequenceEqual(leaf.LeafHash))
                {
                    Mismatch(leaf.Index, $"leaf {leaf.Index}: its entry does not hash to its stored leaf hash");
                    lastBadLeaf = leaf.Index;
                }

                range.Append(computed, (id, hash) =>
                {
                    if (id.Level == 1 && (!pairs.TryGetValue(id.Index, out var stored) || !stored.AsSpan().SequenceEqual(hash)))
                    {
                        // The pair's stored subtree was made from the leaf hashes at append time: it pins a change to
                        // the pair (to the very leaf when that leaf's own hash check failed too).
                        Mismatch(lastBadLeaf is { } bad && bad / 2 == id.Index ? bad : id.Index * 2, $"leaves {id.Index * 2}-{(id.Index * 2) + 1}: their stored subtree hash differs from the one recomputed");
                    }
                });
                CompareCheckpoints();
            }

            if (leaves.Count < pageSize)
            {
                break;
            }
        }

        var head = await log.GetTreeHeadAsync(cancellationToken).ConfigureAwait(false);
        if (head.Size != range.Size || !head.RootHash.AsSpan().SequenceEqual(range.Root()))
        {
            Mismatch(Math.Min(head.Size, range.Size), $"the log's state (size {head.Size}) does not match its {range.Size} leaves");
        }

        for (; next < checkpoints.Count; next++)
        {
            Mismatch(range.Size, $"checkpoint {checkpoints[next].Size} is beyond the log's {range.Size} leaves");
        }

        return new LogAuditReport(range.Size, checkpoints.Count, first, problems) { FirstMismatchReason = firstReason };
    }
}
