using System.Text;
using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Storage.Tests.Sqlite;

/// <summary>
/// The child of the kill test: writers append to twin streams and store credentials as fast as they can, and print
/// one <c>ack</c> line per write only after the store returned (the write is acknowledged). It runs until killed.
/// </summary>
internal static class KillWriter
{
    public const string Tenant = "kill-tenant";
    public const int Streams = 4;

    public static async Task<int> RunAsync(string database, int seed)
    {
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions
        {
            DatabasePath = database,
            Time = TimeProvider.System,
            Random = new CountingRandomSource((ulong)seed),
            OperatorKey = new OperatorKey(new byte[32]),
        });
        await store.Tenants.CreateAsync(new TenantRecord(Tenant, "kill test"));
        var output = Console.Out;
        var gate = new object();
        void Ack(string line)
        {
            lock (gate)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        Ack("ready");
        var writers = Enumerable.Range(0, Streams).Select(w => Task.Run(async () =>
        {
            var stream = $"stream-{w}";
            for (var n = 0; ; n++)
            {
                var version = await store.TwinEvents.GetVersionAsync(Tenant, stream);
                var eventId = $"{seed}-{w}-{n}";
                var events = new[]
                {
                    new TwinEventData(eventId + "-a", "Reading", $"{{\"n\":{n}}}", [stream]),
                    new TwinEventData(eventId + "-b", "Reading", $"{{\"n\":{n}}}", [stream]),
                };
                var result = await store.TwinEvents.AppendAsync(Tenant, stream, version, events);
                if (result.Succeeded)
                {
                    Ack($"event {stream} {result.Version} {eventId}");
                }

                var credentialId = $"urn:kill:{seed}:{w}:{n}";
                if (await store.Credentials.SaveAsync(Tenant, new CredentialRecord(credentialId, CredentialDirection.Received, "application/vc", Encoding.UTF8.GetBytes($"{{\"id\":\"{credentialId}\"}}"))) == CredentialSaveOutcome.Stored)
                {
                    Ack($"credential {credentialId}");
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        return 0;
    }
}
