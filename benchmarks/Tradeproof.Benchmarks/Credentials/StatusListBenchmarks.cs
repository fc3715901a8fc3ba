using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tradeproof.Credentials.StatusLists;

namespace Tradeproof.Benchmarks.Credentials;

/// <summary>Status check of a BitstringStatusListEntry: cached (the common case) and with the list expanded each time.</summary>
[MemoryDiagnoser]
public class StatusListBenchmarks
{
    private const string Url = "https://issuer.example/status/1";
    private const string Issuer = "did:example:issuer";
    private BitstringStatusListChecker _cached = null!;
    private JsonElement _entry;
    private string _encoded = null!;

    private sealed class Provider(byte[] list) : IStatusListProvider
    {
        public ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default) => ValueTask.FromResult<ReadOnlyMemory<byte>>(list);
    }

    [GlobalSetup]
    public void Setup()
    {
        var issuer = new BitstringStatusListIssuer([new StatusListDefinition { Url = Url, Purpose = "revocation" }], new InMemoryStatusListStore(), new SequentialStatusIndexSource());
        _entry = issuer.AllocateAsync(new() { CredentialId = "urn:uuid:1", Issuer = Issuer, StatusPurposes = ["revocation"] }).AsTask().GetAwaiter().GetResult()[0].Json;
        issuer.SetStatusAsync(Url, 1000, 1).AsTask().GetAwaiter().GetResult();
        var list = issuer.PublishAsync(Url, Issuer, DateTimeOffset.UnixEpoch).AsTask().GetAwaiter().GetResult();
        _encoded = JsonDocument.Parse(list).RootElement.GetProperty("credentialSubject").GetProperty("encodedList").GetString()!;
        _cached = new BitstringStatusListChecker(new StatusCheckOptions { Provider = new Provider(list), AllowUnverifiedLists = true });
    }

    [Benchmark]
    public bool CheckCached() => _cached.CheckAsync(_entry, Issuer).AsTask().GetAwaiter().GetResult().IsValid;

    [Benchmark]
    public int ExpandList() => StatusBitstring.Decode(_encoded, 1).Get(1000);
}
