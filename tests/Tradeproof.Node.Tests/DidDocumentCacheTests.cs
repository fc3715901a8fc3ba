using Tradeproof.Cryptography;
using Tradeproof.Storage;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The node's cache of its tenants' DID documents (read on every verification): a key added in this process shows at
/// once; a key another process adds (the CLI, a second node) shows within <see cref="DidDocuments.CacheLifetime"/>.
/// </summary>
/// <remarks>Alone (no other test class at the same time): keys other tests add in this process also drop the cache.</remarks>
[Collection(Name)]
public sealed class DidDocumentCacheTests
{
    internal const string Name = "DID document cache (alone)";

    [Fact]
    public async Task A_cached_document_is_reused_and_replaced_at_once_by_a_key_added_in_this_process_and_after_the_lifetime_by_another_process()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        var folder = Path.Combine(Path.GetTempPath(), "tradeproof-node-" + Guid.NewGuid().ToString("N"));
        var options = new NodeOptions { DataDirectory = folder };
        var store = await NodeStoreFactory.OpenAsync(options, clock, SystemRandomSource.Instance);
        try
        {
            var identity = new NodeIdentity(options.PublicUrl);
            var administration = new NodeAdministration(store, identity, SystemRandomSource.Instance);
            await administration.AddTenantAsync("acme", null, publicVerification: false);
            var documents = new DidDocuments(identity, store, clock);

            var first = await documents.GetAsync("acme", default);
            Assert.NotNull(first);
            Assert.Equal(3, first.VerificationMethod.Count);
            Assert.Same(first, await documents.GetAsync("acme", default));
            Assert.Null(await documents.GetAsync("nobody", default));

            // This process adds a key: the next read has it, without waiting.
            var added = await administration.AddKeyAsync("acme", KeyType.Ed25519, asDidKey: false);
            var second = await documents.GetAsync("acme", default);
            Assert.NotSame(first, second);
            Assert.Contains(second!.VerificationMethod, m => m.Id == added.KeyId);

            // Another process writes a key straight into the store: served from the cache until the lifetime is over.
            using (var pair = KeyPair.Generate(KeyType.P256, SystemRandomSource.Instance))
            {
                var keyId = identity.TenantDid("acme") + "#key-9";
                Assert.True(await store.Keys.AddAsync("acme", new KeyRecord(keyId, "P-256", pair.PublicKey.Bytes.ToArray(), pair.ExportSecretBytes(), identity.TenantDid("acme"))));
                clock.Advance(DidDocuments.CacheLifetime - TimeSpan.FromMilliseconds(1));
                Assert.DoesNotContain((await documents.GetAsync("acme", default))!.VerificationMethod, m => m.Id == keyId);
                clock.Advance(TimeSpan.FromMilliseconds(2));
                Assert.Contains((await documents.GetAsync("acme", default))!.VerificationMethod, m => m.Id == keyId);
            }
        }
        finally
        {
            await store.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Runs <see cref="DidDocumentCacheTests"/> while no other test runs.</summary>
[CollectionDefinition(DidDocumentCacheTests.Name, DisableParallelization = true)]
public sealed class DidDocumentCacheCollection;
