using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tradeproof.Storage.Postgres;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// The transparency log's part of the store contract, on every implementation: each write appends its leaf in its
/// own transaction, indexes stay contiguous under concurrent writers, proofs from stored subtrees verify. The log is
/// one per database, so tests compare sizes before and after (tests of a class run one at a time).
/// </summary>
public abstract class TransparencyLogContractTests(IStoreHarness harness)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected IStoreHarness Harness { get; } = harness;

    private StoreOptionsSeed Seed => new(new FixedClock(Start), new CountingRandomSource(), new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    protected async Task<(ITradeproofStore Store, string Tenant)> OpenWithTenantAsync()
    {
        var store = await Harness.OpenAsync(Seed);
        var id = $"log-{Guid.NewGuid():N}";
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(id, "Org " + id)));
        return (store, id);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static CredentialRecord Credential(string id, string body = "{}") => new(id, CredentialDirection.Received, "application/vc", Utf8(body));

    [StoreFact]
    public async Task Every_write_appends_one_leaf_of_hashes_in_its_transaction()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var before = (await store.Log.GetTreeHeadAsync()).Size;

        var body = "{\"id\":\"urn:log:1\",\"secret\":\"trade data\"}";
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(tenant, Credential("urn:log:1", body)));
        Assert.Equal(CredentialSaveOutcome.AlreadyStored, await store.Credentials.SaveAsync(tenant, Credential("urn:log:1", body)));
        Assert.Equal(CredentialSaveOutcome.Conflict, await store.Credentials.SaveAsync(tenant, Credential("urn:log:1", "{}")));
        var credentialLeaves = await store.Log.FindLeavesAsync(LogEntryKind.Credential, tenant, "urn:log:1");
        Assert.Equal([before], credentialLeaves);

        var leaf = Assert.Single(await store.Log.GetLeavesAsync(before, 10));
        Assert.Equal(LogEntryKind.Credential, leaf.Entry.Kind);
        Assert.Equal(SHA256.HashData(Utf8(tenant)), leaf.Entry.TenantHash);
        Assert.Equal(SHA256.HashData(Utf8("urn:log:1")), leaf.Entry.RecordHash);
        Assert.Equal(SHA256.HashData(Utf8(body)), leaf.Entry.ContentHash);
        Assert.Equal(Start.ToUnixTimeMilliseconds(), leaf.Entry.TimeMilliseconds);
        Assert.Equal(leaf.Entry.LeafHash(), leaf.LeafHash);
        Assert.Equal(before, await store.Log.FindLeafByHashAsync(leaf.LeafHash));

        Assert.Equal(PresentationReceiveOutcome.Received, await store.Presentations.ReceiveAsync(tenant, new PresentationRecord("urn:vp:1", Utf8("{\"vp\":1}"))));
        Assert.Equal(PresentationReceiveOutcome.Duplicate, await store.Presentations.ReceiveAsync(tenant, new PresentationRecord("urn:vp:1", Utf8("{\"vp\":1}"))));
        Assert.Equal([before + 1], await store.Log.FindLeavesAsync(LogEntryKind.Presentation, tenant, "urn:vp:1"));

        var events = new[] { new TwinEventData("e1", "Made", "{\"n\":1}", ["s"]), new TwinEventData("e2", "Made", "{\"n\":2}", ["s"]) };
        Assert.True((await store.TwinEvents.AppendAsync(tenant, "stream-1", 0, events)).Succeeded);
        Assert.False((await store.TwinEvents.AppendAsync(tenant, "stream-1", 0, events)).Succeeded);
        Assert.Equal([before + 2], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, tenant, LogEntry.TwinEventRecordId("stream-1", 1)));
        Assert.Equal([before + 3], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, tenant, LogEntry.TwinEventRecordId("stream-1", 2)));

        var outcomes = await store.Credentials.SaveManyAsync(tenant, [Credential("urn:log:2"), Credential("urn:log:1", body), Credential("urn:log:3"), Credential("urn:log:2")]);
        Assert.Equal([CredentialSaveOutcome.Stored, CredentialSaveOutcome.AlreadyStored, CredentialSaveOutcome.Stored, CredentialSaveOutcome.AlreadyStored], outcomes);
        Assert.Equal([before + 4], await store.Log.FindLeavesAsync(LogEntryKind.Credential, tenant, "urn:log:2"));
        Assert.Equal([before + 5], await store.Log.FindLeavesAsync(LogEntryKind.Credential, tenant, "urn:log:3"));
        Assert.Equal(before + 6, (await store.Log.GetTreeHeadAsync()).Size);
        Assert.Equal(0, await Harness.CountAsync($"SELECT COUNT(*) FROM log_leaves WHERE idx >= {before + 6}"));
    }

    [StoreFact]
    public async Task A_unit_of_work_logs_on_commit_and_nothing_on_rollback()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var before = (await store.Log.GetTreeHeadAsync()).Size;

        await using (var unit = await store.BeginAsync())
        {
            await unit.Presentations.ReceiveAsync(tenant, new PresentationRecord("urn:vp:rolled-back", Utf8("{}")));
            await unit.Credentials.SaveAsync(tenant, Credential("urn:rolled-back"));
            await unit.RollbackAsync();
        }

        await using (var unit = await store.BeginAsync())
        {
            await unit.Credentials.SaveAsync(tenant, Credential("urn:disposed"));
        }

        Assert.Equal(before, (await store.Log.GetTreeHeadAsync()).Size);
        Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.Credential, tenant, "urn:rolled-back"));

        await using (var unit = await store.BeginAsync())
        {
            await unit.Presentations.ReceiveAsync(tenant, new PresentationRecord("urn:vp:committed", Utf8("{}")));
            await unit.Credentials.SaveManyAsync(tenant, [Credential("urn:c:1"), Credential("urn:c:2")]);
            await unit.TwinEvents.AppendAsync(tenant, "stream-u", 0, [new TwinEventData("e", "Made", "{}", [])]);
            await unit.CommitAsync();
        }

        Assert.Equal(before + 4, (await store.Log.GetTreeHeadAsync()).Size);
        Assert.Equal([before], await store.Log.FindLeavesAsync(LogEntryKind.Presentation, tenant, "urn:vp:committed"));
        Assert.Equal([before + 3], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, tenant, LogEntry.TwinEventRecordId("stream-u", 1)));
    }

    [StoreFact]
    public async Task Roots_and_proofs_from_stored_subtrees_match_the_leaves()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        for (var i = 0; i < 45; i++)
        {
            await store.Credentials.SaveAsync(tenant, Credential($"urn:proof:{i}", $"{{\"n\":{i}}}"));
        }

        var head = await store.Log.GetTreeHeadAsync();
        var tree = new MemoryMerkleTree();
        for (long start = 0; start < head.Size; start += 100)
        {
            foreach (var leaf in await store.Log.GetLeavesAsync(start, 100))
            {
                Assert.Equal(tree.Size, leaf.Index);
                Assert.Equal(leaf.Entry.LeafHash(), leaf.LeafHash);
                tree.AppendLeafHash(leaf.LeafHash);
            }
        }

        Assert.Equal(head.Size, tree.Size);
        Assert.Equal(tree.Root(head.Size), head.RootHash);
        foreach (var size in new[] { 1, 2, 3, 7, 8, 13, 32, (int)head.Size })
        {
            Assert.Equal(tree.Root(size), await store.Log.GetRootAsync(size));
            for (var index = 0; index < size; index++)
            {
                var proof = await store.Log.GetInclusionProofAsync(index, size);
                Assert.Equal(tree.InclusionProof(index, size), proof);
                Assert.True(MerkleVerification.VerifyInclusion(index, size, proof, tree.Node(new NodeId(0, index)), tree.Root(size)));
            }

            for (var first = 0; first <= size; first += 3)
            {
                var proof = await store.Log.GetConsistencyProofAsync(first, size);
                Assert.True(MerkleVerification.VerifyConsistency(first, size, proof, tree.Root(first), tree.Root(size)), $"{first} -> {size}");
            }
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.Log.GetInclusionProofAsync(0, head.Size + 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.Log.GetConsistencyProofAsync(1, head.Size + 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.Log.GetRootAsync(head.Size + 1));
    }

    [StoreFact]
    public async Task Concurrent_writers_on_two_stores_get_contiguous_indexes()
    {
        var (first, tenant) = await OpenWithTenantAsync();
        await using var _ = first;
        await using var second = await Harness.OpenAsync(Seed);
        var before = (await first.Log.GetTreeHeadAsync()).Size;
        const int Writers = 6, Writes = 10;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var store = w % 2 == 0 ? first : second;
            for (var n = 0; n < Writes; n++)
            {
                if (n % 3 == 0)
                {
                    await using var unit = await store.BeginAsync();
                    await unit.Presentations.ReceiveAsync(tenant, new PresentationRecord($"urn:vp:{w}:{n}", Utf8("{}")));
                    await unit.Credentials.SaveAsync(tenant, Credential($"urn:cc:{w}:{n}:a"));
                    await unit.CommitAsync();
                }
                else
                {
                    await store.Credentials.SaveAsync(tenant, Credential($"urn:cc:{w}:{n}"));
                }
            }
        })));

        var expected = before + (Writers * Writes) + (Writers * 4);
        await AssertContiguousAsync(first, expected);
    }

    [StoreFact]
    public async Task Checkpoints_cosignatures_and_partner_heads_are_kept()
    {
        await using var store = await Harness.OpenAsync(Seed);
        var head = await store.Log.GetTreeHeadAsync();
        var size = 1_000_000 + head.Size; // sizes of this test's own checkpoints, above any other test's
        Assert.True(await store.Log.AddCheckpointAsync(size, head.RootHash, "note 1\n"));
        Assert.False(await store.Log.AddCheckpointAsync(size, head.RootHash, "other\n"));
        Assert.True(await store.Log.AddCheckpointAsync(size + 1, head.RootHash, "note 2\n"));
        var latest = await store.Log.GetLatestCheckpointAsync();
        Assert.Equal(size + 1, latest!.Size);
        Assert.Equal("note 2\n", latest.Note);
        Assert.Equal([size, size + 1], (await store.Log.ListCheckpointsAsync(size - 1)).Select(c => c.Size));

        await store.Log.AddCosignatureAsync(size, "witness.example", "\u2014 witness.example AAAA");
        await store.Log.AddCosignatureAsync(size, "witness.example", "\u2014 witness.example BBBB");
        Assert.Equal("\u2014 witness.example BBBB", Assert.Single(await store.Log.ListCosignaturesAsync(size)).SignatureLine);
        await Assert.ThrowsAsync<StoreException>(async () => await store.Log.AddCosignatureAsync(-5, "w", "line"));

        var origin = $"partner-{Guid.NewGuid():N}.example/log";
        Assert.Null(await store.Log.GetPartnerCheckpointAsync(origin));
        Assert.True(await store.Log.SavePartnerCheckpointAsync(origin, null, 4, new byte[32], "p4\n"));
        Assert.False(await store.Log.SavePartnerCheckpointAsync(origin, null, 5, new byte[32], "p5\n"));
        Assert.False(await store.Log.SavePartnerCheckpointAsync(origin, 3, 5, new byte[32], "p5\n"));
        Assert.True(await store.Log.SavePartnerCheckpointAsync(origin, 4, 9, new byte[32], "p9\n"));
        var partner = await store.Log.GetPartnerCheckpointAsync(origin);
        Assert.Equal((9L, "p9\n"), (partner!.Size, partner.Note));

        // These checkpoints are not real (the audit test shares the database): remove them.
        await Harness.CountAsync($"DELETE FROM log_cosignatures WHERE checkpoint_size >= {size} RETURNING 1");
        await Harness.CountAsync($"DELETE FROM log_checkpoints WHERE size >= {size} RETURNING 1");
    }

    [StoreFact]
    public async Task The_audit_passes_and_finds_the_first_tampered_leaf()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        using var key = Cryptography.KeyPair.FromSecretBytes(Cryptography.KeyType.Ed25519, new byte[32]);
        var signer = new NoteSigner("audit.example/log", NoteSignatureType.Ed25519, key);
        async Task CheckpointAsync()
        {
            var head = await store.Log.GetTreeHeadAsync();
            await store.Log.AddCheckpointAsync(head.Size, head.RootHash, new Checkpoint("audit.example/log", head.Size, head.RootHash).Sign(signer).ToString());
        }

        for (var i = 0; i < 30; i++)
        {
            await store.Credentials.SaveAsync(tenant, Credential($"urn:audit:{i}", $"{{\"n\":{i}}}"));
            if (i % 7 == 0)
            {
                await CheckpointAsync();
            }
        }

        await CheckpointAsync();
        var clean = await TransparencyLogAudit.RunAsync(store.Log, signer.Verifier, pageSize: 8);
        Assert.True(clean.Ok, string.Join("; ", clean.Problems));
        Assert.Equal((await store.Log.GetTreeHeadAsync()).Size, clean.Leaves);

        // A rewritten leaf row (its content hash): the leaf no longer hashes to its stored hash, and the roots differ.
        var target = (await store.Log.FindLeavesAsync(LogEntryKind.Credential, tenant, "urn:audit:17"))[0];
        var original = (await store.Log.GetLeavesAsync(target, 1))[0];
        try
        {
            await TamperAsync(store, signer.Verifier, target);
        }
        finally
        {
            // Put it back (the class's tests share the database).
            await Harness.CountAsync($"UPDATE log_leaves SET content_hash = {HexLiteral(original.Entry.ContentHash)}, leaf_hash = {HexLiteral(original.LeafHash)} WHERE idx = {target} RETURNING idx");
        }

        Assert.True((await TransparencyLogAudit.RunAsync(store.Log, signer.Verifier)).Ok);
    }

    private async Task TamperAsync(ITradeproofStore store, NoteVerifier verifier, long target)
    {
        Assert.Equal(target, await Harness.CountAsync($"UPDATE log_leaves SET content_hash = record_hash WHERE idx = {target} RETURNING idx"));
        var tampered = await TransparencyLogAudit.RunAsync(store.Log, verifier, pageSize: 8);
        Assert.False(tampered.Ok);
        Assert.Equal(target, tampered.FirstMismatchIndex);

        // Its stored leaf hash rewritten to match: the pair's stored subtree still gives it away.
        var rewritten = (await store.Log.GetLeavesAsync(target, 1))[0];
        Assert.Equal(target, await Harness.CountAsync($"UPDATE log_leaves SET leaf_hash = {HexLiteral(rewritten.Entry.LeafHash())} WHERE idx = {target} RETURNING idx"));
        var hidden = await TransparencyLogAudit.RunAsync(store.Log, verifier, pageSize: 8);
        Assert.Equal(target - (target % 2), hidden.FirstMismatchIndex);
        Assert.Contains(hidden.Problems, p => p.StartsWith("checkpoint", StringComparison.Ordinal));

    }

    private string HexLiteral(byte[] bytes) => Harness.Provider == "postgres" ? $"'\\x{Convert.ToHexStringLower(bytes)}'::bytea" : $"x'{Convert.ToHexStringLower(bytes)}'";

    /// <summary>Indexes 0..size-1 all present once, the tree head's size, and the stored root recomputed from the leaves.</summary>
    protected async Task AssertContiguousAsync(ITradeproofStore store, long expectedSize)
    {
        var head = await store.Log.GetTreeHeadAsync();
        Assert.Equal(expectedSize, head.Size);
        Assert.Equal(expectedSize, await Harness.CountAsync("SELECT COUNT(*) FROM log_leaves"));
        Assert.Equal(expectedSize - 1, await Harness.CountAsync("SELECT MAX(idx) FROM log_leaves"));
        var range = new CompactRange();
        for (long start = 0; start < head.Size; start += 500)
        {
            foreach (var leaf in await store.Log.GetLeavesAsync(start, 500))
            {
                Assert.Equal(range.Size, leaf.Index);
                range.Append(leaf.Entry.LeafHash());
            }
        }

        Assert.Equal(head.RootHash, range.Root());
    }
}

/// <summary>The log contract on SQLite.</summary>
public sealed class SqliteTransparencyLogContractTests(SqliteHarness harness) : TransparencyLogContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>The log contract on PostgreSQL, plus writers in two other processes.</summary>
[RequiresPostgres]
public sealed class PostgresTransparencyLogContractTests(PostgresHarness harness) : TransparencyLogContractTests(harness), IClassFixture<PostgresHarness>
{
    private readonly PostgresHarness _harness = harness;

    [StoreFact]
    public async Task Writers_in_two_processes_get_contiguous_indexes()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var before = (await store.Log.GetTreeHeadAsync()).Size;
        var connection = await _harness.ConnectionStringAsync();
        const int PerProcess = 40;
        var children = Enumerable.Range(0, 2).Select(p => RunLogWriterAsync(connection, tenant, $"p{p}", PerProcess)).ToList();
        for (var n = 0; n < PerProcess; n++)
        {
            await store.Credentials.SaveAsync(tenant, new CredentialRecord($"urn:parent:{n}", CredentialDirection.Received, "application/vc", Encoding.UTF8.GetBytes("{}")));
        }

        foreach (var exit in await Task.WhenAll(children))
        {
            Assert.Equal(0, exit);
        }

        await AssertContiguousAsync(store, before + (3 * PerProcess));
    }

    private static async Task<int> RunLogWriterAsync(string connectionString, string tenant, string prefix, int count)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(LogWriter).Assembly.Location);
        start.ArgumentList.Add("log-writer");
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(tenant);
        start.ArgumentList.Add(prefix);
        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start)!;
        var error = child.StandardError.ReadToEndAsync();
        await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Assert.True(child.ExitCode == 0, await error);
        return child.ExitCode;
    }
}

/// <summary>The child of the two-process log test: saves credentials to a PostgreSQL store, then exits.</summary>
internal static class LogWriter
{
    public static async Task<int> RunAsync(string connectionString, string tenant, string prefix, int count)
    {
        await using var store = await PostgresStore.OpenAsync(new PostgresStoreOptions
        {
            ConnectionString = connectionString,
            Time = TimeProvider.System,
            Random = new CountingRandomSource(7),
            OperatorKey = new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        });
        for (var n = 0; n < count; n++)
        {
            if (await store.Credentials.SaveAsync(tenant, new CredentialRecord($"urn:{prefix}:{n}", CredentialDirection.Received, "application/vc", Encoding.UTF8.GetBytes("{}"))) != CredentialSaveOutcome.Stored)
            {
                return 1;
            }
        }

        return 0;
    }
}
