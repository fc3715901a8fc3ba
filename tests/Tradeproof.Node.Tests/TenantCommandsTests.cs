using System.Text.Json;
using Tradeproof.Cryptography;

namespace Tradeproof.Node.Tests;

/// <summary>The operator's tenant verbs as a real <c>tradeproof</c> process: <c>tenant add</c>, <c>tenant key add</c>, <c>tenant set</c>.</summary>
public sealed class TenantCommandsTests
{

    [Fact]
    public async Task Tenant_key_add_and_tenant_set_change_the_store_and_refuse_bad_input()
    {
        var data = Path.Combine(Path.GetTempPath(), "tradeproof-tenant-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal("did:web:localhost%3A5080:organizations:acme", Run(0, "tenant", "add", "acme", "--data", data).Trim());
            using (var key = JsonDocument.Parse(Run(0, "tenant", "key", "add", "acme", "--type", "p384", "--did-key", "--data", data)))
            {
                Assert.StartsWith("did:key:z", key.RootElement.GetProperty("did").GetString());
                Assert.Equal("P-384", key.RootElement.GetProperty("type").GetString());
            }

            using (var key = JsonDocument.Parse(Run(0, "tenant", "key", "add", "acme", "--type", "ed25519", "--data", data)))
            {
                Assert.Equal("did:web:localhost%3A5080:organizations:acme#key-4", key.RootElement.GetProperty("id").GetString());
            }

            using (var set = JsonDocument.Parse(Run(0, "tenant", "set", "acme", "--public-verification", "on", "--data", data)))
            {
                Assert.True(set.RootElement.GetProperty("publicVerification").GetBoolean());
            }

            Run(2, "tenant", "key", "add", "acme", "--type", "rsa", "--data", data);
            Assert.NotEqual(0, RunExit("tenant", "set", "nobody", "--public-verification", "on", "--data", data));
            Assert.NotEqual(0, RunExit("tenant", "key", "add", "nobody", "--type", "p256", "--data", data));

            await using var store = await NodeStoreFactory.OpenAsync(new NodeOptions { DataDirectory = data }, TimeProvider.System, SystemRandomSource.Instance);
            Assert.True((await store.Tenants.GetAsync("acme"))!.PublicVerification);
            var keys = await TenantKeys.ListAsync(store, "acme", default);
            Assert.Equal([KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.Ed25519, KeyType.P384], keys.Select(k => k.Type));
            Assert.True(keys[^1].IsDidKey);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Run(int expectedExit, params string[] args)
    {
        var (exit, output, error) = Execute(args);
        Assert.True(exit == expectedExit || (expectedExit != 0 && exit != 0), $"tradeproof {string.Join(' ', args)} exited {exit}: {error}");
        return output;
    }

    private static int RunExit(params string[] args) => Execute(args).Exit;

    private static (int Exit, string Output, string Error) Execute(string[] args)
    {
        var result = TradeproofProcess.Run(args);
        return (result.ExitCode, result.Output, result.Error);
    }
}
