using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Credentials.Tests.StatusLists;

public sealed class StatusListTests
{
    private const string Issuer = "did:example:issuer";
    private const string RevocationUrl = "https://issuer.example/status/1";
    private const string SuspensionUrl = "https://issuer.example/status/2";

    private sealed class DictionaryProvider : IStatusListProvider
    {
        public Dictionary<string, byte[]> Lists { get; } = [];

        public int Fetches { get; private set; }

        public ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default)
        {
            Fetches++;
            return Lists.TryGetValue(url, out var bytes) ? ValueTask.FromResult<ReadOnlyMemory<byte>>(bytes) : throw new HttpRequestException("404");
        }
    }

    private static BitstringStatusListIssuer NewIssuer(IStatusIndexSource? source = null, long? ttl = null) => new(
        [
            new StatusListDefinition { Url = RevocationUrl, Purpose = "revocation", TtlMilliseconds = ttl },
            new StatusListDefinition { Url = SuspensionUrl, Purpose = "suspension" },
        ],
        new InMemoryStatusListStore(),
        source ?? new SequentialStatusIndexSource());

    private static (BitstringStatusListChecker Checker, DictionaryProvider Provider, FixedClock Clock) NewChecker(StatusListLimits? limits = null)
    {
        var provider = new DictionaryProvider();
        var clock = new FixedClock(TestData.Now);
        return (new BitstringStatusListChecker(new StatusCheckOptions { Provider = provider, AllowUnverifiedLists = true, TimeProvider = clock, Limits = limits ?? StatusListLimits.Default }), provider, clock);
    }

    private static CredentialStatusRequest Request(params string[] purposes) =>
        new() { CredentialId = "urn:uuid:" + Guid.NewGuid(), Issuer = Issuer, StatusPurposes = purposes };

    private static JsonElement Json(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Index_zero_is_the_left_most_bit()
    {
        var bits = new StatusBitstring();
        bits.Set(0, 1);
        Assert.Equal(0x80, bits.Bytes[0]);
        bits.Set(9, 1);
        Assert.Equal(0x40, bits.Bytes[1]);
        Assert.Equal(1, bits.Get(0));
        Assert.Equal(0, bits.Get(1));
        Assert.Equal(StatusBitstring.MinimumBits, bits.Entries);
        Assert.Equal(16384, bits.Bytes.Length);
    }

    [Fact]
    public void Multi_bit_statuses_read_big_endian_from_the_left()
    {
        var bits = new StatusBitstring(StatusBitstring.MinimumBits, 2);
        bits.Set(1, 2);
        Assert.Equal(0b0010_0000, bits.Bytes[0]);
        Assert.Equal(2, bits.Get(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => bits.Set(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => bits.Get(StatusBitstring.MinimumBits));
    }

    [Fact]
    public void Encode_is_gzip_then_multibase_base64url_and_decodes_back()
    {
        var bits = new StatusBitstring();
        bits.Set(42, 1);
        var encoded = bits.Encode();
        Assert.StartsWith("u", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain("=", encoded, StringComparison.Ordinal);
        Assert.True(Base64UrlStrict.TryDecode(encoded.AsSpan(1), out var gz));
        Assert.Equal(0x1f, gz[0]);
        Assert.Equal(0x8b, gz[1]);
        var back = StatusBitstring.Decode(encoded, 1);
        Assert.Equal(1, back.Get(42));
        Assert.Equal(0, back.Get(41));
    }

    [Fact]
    public void Spec_example_list_is_read()
    {
        // Bitstring Status List v1.0, Example 2: an all-zero 16 KiB list.
        var list = StatusBitstring.Decode("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA", 1);
        Assert.Equal(StatusBitstring.MinimumBits, list.Entries);
        Assert.Equal(0, list.Get(94567));
    }

    [Fact]
    public void A_decompression_bomb_stops_at_the_cap()
    {
        var huge = new byte[64 << 20];
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(huge);
        }

        var encoded = "u" + Base64UrlStrict.Encode(output.ToArray());
        var e = Assert.Throws<StatusListException>(() => StatusBitstring.Decode(encoded, 1));
        Assert.Equal(StatusListError.TooLarge, e.Error);
        Assert.Equal(StatusListError.TooLarge, Assert.Throws<StatusListException>(() => StatusBitstring.Decode(encoded, 1, new StatusListLimits { MaxEncodedLength = 100 })).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("u")]
    [InlineData("z3yM")]
    [InlineData("uAAAA")]
    [InlineData("uH4sI=")]
    [InlineData("u!!!!")]
    public void Malformed_encoded_lists_are_refused(string encoded) =>
        Assert.Equal(StatusListError.MalformedValue, Assert.Throws<StatusListException>(() => StatusBitstring.Decode(encoded, 1)).Error);

    [Fact]
    public void A_list_shorter_than_the_minimum_is_refused()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[16383]);
        }

        var e = Assert.Throws<StatusListException>(() => StatusBitstring.Decode("u" + Base64UrlStrict.Encode(output.ToArray()), 1));
        Assert.Equal(StatusListError.TooShort, e.Error);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatusBitstring(1000));
    }

    [Fact]
    public async Task Sequential_allocation_never_reuses_an_index()
    {
        var issuer = NewIssuer();
        var seen = new HashSet<string>();
        for (var i = 0; i < 50; i++)
        {
            var entries = await issuer.AllocateAsync(Request("revocation", "suspension"));
            Assert.Equal(2, entries.Count);
            Assert.Equal("BitstringStatusListEntry", entries[0].Json.GetProperty("type").GetString());
            Assert.Equal("revocation", entries[0].Json.GetProperty("statusPurpose").GetString());
            Assert.Equal(SuspensionUrl, entries[1].Json.GetProperty("statusListCredential").GetString());
            Assert.True(seen.Add(entries[0].Json.GetProperty("id").GetString()!));
            Assert.True(seen.Add(entries[1].Json.GetProperty("id").GetString()!));
        }

        Assert.Throws<ArgumentException>(() => issuer.AllocateAsync(Request("unknown")).AsTask().GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Random_allocation_retries_taken_indexes_and_fails_clearly_when_stuck()
    {
        var store = new InMemoryStatusListStore();
        var allocator = new BitstringStatusListIssuer([new StatusListDefinition { Url = RevocationUrl, Purpose = "revocation" }], store, new RandomStatusIndexSource(new CounterRandom()));
        var first = await allocator.AllocateAsync(Request("revocation"));
        var second = await allocator.AllocateAsync(Request("revocation"));
        Assert.NotEqual(first[0].Json.GetProperty("statusListIndex").GetString(), second[0].Json.GetProperty("statusListIndex").GetString());
        Assert.Equal(2, await store.ReservedCountAsync(RevocationUrl));

        var stuck = new BitstringStatusListIssuer([new StatusListDefinition { Url = RevocationUrl, Purpose = "revocation" }], store, new ConstantSource());
        await stuck.AllocateAsync(Request("revocation"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => stuck.AllocateAsync(Request("revocation")).AsTask());
    }

    private sealed class ConstantSource : IStatusIndexSource
    {
        public int Next(string listId, int entries) => 7;
    }

    [Fact]
    public async Task Revoke_publish_and_check()
    {
        var issuer = NewIssuer();
        var (checker, provider, _) = NewChecker();
        var a = (await issuer.AllocateAsync(Request("revocation")))[0].Json;
        var b = (await issuer.AllocateAsync(Request("revocation")))[0].Json;
        await issuer.SetStatusAsync(RevocationUrl, int.Parse(b.GetProperty("statusListIndex").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 1);
        var published = await issuer.PublishAsync(RevocationUrl, Issuer, TestData.Now.AddDays(-1));
        var doc = JsonNode.Parse(published)!;
        Assert.Equal("BitstringStatusListCredential", doc["type"]![1]!.GetValue<string>());
        Assert.Equal("BitstringStatusList", doc["credentialSubject"]!["type"]!.GetValue<string>());
        Assert.True(VerifiableCredential.TryParse(published, null, out _, out var problems), string.Join("; ", problems));
        provider.Lists[RevocationUrl] = published;

        var ok = await checker.CheckAsync(a, Issuer);
        Assert.Equal(StatusOutcome.Unset, ok.Outcome);
        Assert.True(ok.IsValid);
        var revoked = await checker.CheckAsync(b, Issuer);
        Assert.Equal(StatusOutcome.Set, revoked.Outcome);
        Assert.False(revoked.IsValid);
        Assert.Equal("Revoked", revoked.Problem!.Title);
    }

    [Fact]
    public async Task Suspension_can_be_lifted()
    {
        var issuer = NewIssuer();
        var (checker, provider, clock) = NewChecker();
        var entry = (await issuer.AllocateAsync(Request("suspension")))[0].Json;
        var index = int.Parse(entry.GetProperty("statusListIndex").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await issuer.SetStatusAsync(SuspensionUrl, index, 1);
        provider.Lists[SuspensionUrl] = await issuer.PublishAsync(SuspensionUrl, Issuer, TestData.Now.AddDays(-1));
        Assert.Equal("Suspended", (await checker.CheckAsync(entry, Issuer)).Problem!.Title);
        await issuer.SetStatusAsync(SuspensionUrl, index, 0);
        provider.Lists[SuspensionUrl] = await issuer.PublishAsync(SuspensionUrl, Issuer, TestData.Now.AddDays(-1));
        clock.Now += TimeSpan.FromMinutes(6);
        Assert.True((await checker.CheckAsync(entry, Issuer)).IsValid);
    }

    [Fact]
    public async Task The_cache_honours_ttl()
    {
        var issuer = NewIssuer(ttl: 60_000);
        var (checker, provider, clock) = NewChecker();
        var entry = (await issuer.AllocateAsync(Request("revocation")))[0].Json;
        provider.Lists[RevocationUrl] = await issuer.PublishAsync(RevocationUrl, Issuer, TestData.Now.AddDays(-1));
        Assert.True((await checker.CheckAsync(entry, Issuer)).IsValid);
        await issuer.SetStatusAsync(RevocationUrl, 0, 1);
        provider.Lists[RevocationUrl] = await issuer.PublishAsync(RevocationUrl, Issuer, TestData.Now.AddDays(-1));
        clock.Now += TimeSpan.FromSeconds(59);
        Assert.True((await checker.CheckAsync(entry, Issuer)).IsValid);
        Assert.Equal(1, provider.Fetches);
        clock.Now += TimeSpan.FromSeconds(2);
        Assert.Equal(StatusOutcome.Set, (await checker.CheckAsync(entry, Issuer)).Outcome);
        Assert.Equal(2, provider.Fetches);
    }

    [Fact]
    public async Task Unknown_status_is_not_valid()
    {
        var (checker, _, _) = NewChecker();
        var entry = Json($$"""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"3","statusListCredential":"{{RevocationUrl}}"}""");
        var result = await checker.CheckAsync(entry, Issuer);
        Assert.Equal(StatusOutcome.CouldNotCheck, result.Outcome);
        Assert.False(result.IsValid);
        Assert.Equal(StatusProblemTypes.RetrievalError, result.Problem!.Type);
    }

    [Fact]
    public async Task Unverified_lists_are_not_used_unless_allowed_and_failed_verification_is_reported()
    {
        var issuer = NewIssuer();
        var provider = new DictionaryProvider();
        var entry = (await issuer.AllocateAsync(Request("revocation")))[0].Json;
        provider.Lists[RevocationUrl] = await issuer.PublishAsync(RevocationUrl, Issuer, TestData.Now.AddDays(-1));
        var strict = new BitstringStatusListChecker(new StatusCheckOptions { Provider = provider, TimeProvider = new FixedClock(TestData.Now) });
        Assert.Equal(StatusOutcome.CouldNotCheck, (await strict.CheckAsync(entry, Issuer)).Outcome);
        var failing = new BitstringStatusListChecker(new StatusCheckOptions
        {
            Provider = provider,
            TimeProvider = new FixedClock(TestData.Now),
            VerifyListCredential = (_, _) => ValueTask.FromResult<Problem?>(new Problem(ProblemTypes.CryptographicSecurityError, "bad")),
        });
        Assert.Equal(StatusProblemTypes.VerificationError, (await failing.CheckAsync(entry, Issuer)).Problem!.Type);
        var passing = new BitstringStatusListChecker(new StatusCheckOptions { Provider = provider, TimeProvider = new FixedClock(TestData.Now), VerifyListCredential = (_, _) => ValueTask.FromResult<Problem?>(null) });
        Assert.True((await passing.CheckAsync(entry, Issuer)).IsValid);
    }

    [Fact]
    public async Task Purpose_mismatch_untrusted_issuer_and_index_out_of_range_could_not_be_checked()
    {
        var issuer = NewIssuer();
        var (checker, provider, _) = NewChecker();
        provider.Lists[RevocationUrl] = await issuer.PublishAsync(RevocationUrl, Issuer, TestData.Now.AddDays(-1));
        var suspension = Json($$"""{"type":"BitstringStatusListEntry","statusPurpose":"suspension","statusListIndex":"3","statusListCredential":"{{RevocationUrl}}"}""");
        Assert.Equal("Status purpose mismatch", (await checker.CheckAsync(suspension, Issuer)).Problem!.Title);

        var entry = Json($$"""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"3","statusListCredential":"{{RevocationUrl}}"}""");
        var other = await checker.CheckAsync(entry, "did:example:customs");
        Assert.Equal(StatusOutcome.CouldNotCheck, other.Outcome);
        Assert.Equal(StatusProblemTypes.VerificationError, other.Problem!.Type);

        var outOfRange = Json($$"""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"131072","statusListCredential":"{{RevocationUrl}}"}""");
        var range = await checker.CheckAsync(outOfRange, Issuer);
        Assert.Equal(StatusOutcome.CouldNotCheck, range.Outcome);
        Assert.Equal(ProblemTypes.RangeError, range.Problem!.Type);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"type\":\"Other\"}")]
    [InlineData("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\",\"statusListIndex\":3,\"statusListCredential\":\"https://x\"}")]
    [InlineData("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\",\"statusListIndex\":\"-1\",\"statusListCredential\":\"https://x\"}")]
    [InlineData("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\",\"statusListIndex\":\"01\",\"statusListCredential\":\"https://x\"}")]
    [InlineData("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\",\"statusListIndex\":\"99999999999\",\"statusListCredential\":\"https://x\"}")]
    [InlineData("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"message\",\"statusSize\":2,\"statusListIndex\":\"1\",\"statusListCredential\":\"https://x\"}")]
    [InlineData("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"message\",\"statusSize\":9,\"statusListIndex\":\"1\",\"statusListCredential\":\"https://x\",\"statusMessage\":[]}")]
    public async Task Malformed_entries_could_not_be_checked(string json)
    {
        var (checker, _, _) = NewChecker();
        var result = await checker.CheckAsync(Json(json), Issuer);
        Assert.Equal(StatusOutcome.CouldNotCheck, result.Outcome);
        Assert.Equal(ProblemTypes.MalformedValueError, result.Problem!.Type);
    }

    [Fact]
    public async Task A_bomb_or_short_list_from_the_network_could_not_be_checked()
    {
        var (checker, provider, _) = NewChecker(new StatusListLimits { MaxDecompressedBytes = 32768 });
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[1 << 20]);
        }

        provider.Lists[RevocationUrl] = ListCredential("revocation", "u" + Base64UrlStrict.Encode(output.ToArray()));
        var entry = Json($$"""{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"3","statusListCredential":"{{RevocationUrl}}"}""");
        Assert.Equal("Status list over the size caps", (await checker.CheckAsync(entry, Issuer)).Problem!.Title);

        using var small = new MemoryStream();
        using (var gzip = new GZipStream(small, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[100]);
        }

        provider.Lists[SuspensionUrl] = ListCredential("suspension", "u" + Base64UrlStrict.Encode(small.ToArray()));
        var shortEntry = Json($$"""{"type":"BitstringStatusListEntry","statusPurpose":"suspension","statusListIndex":"3","statusListCredential":"{{SuspensionUrl}}"}""");
        Assert.Equal(StatusProblemTypes.ListLengthError, (await checker.CheckAsync(shortEntry, Issuer)).Problem!.Type);
    }

    [Fact]
    public async Task Message_lists_return_the_status_message()
    {
        var store = new InMemoryStatusListStore();
        var issuer = new BitstringStatusListIssuer(
            [new StatusListDefinition { Url = RevocationUrl, Purpose = "message", StatusSize = 2, Messages = [(0, "pending"), (1, "accepted"), (2, "rejected"), (3, "undefined")] }],
            store,
            new SequentialStatusIndexSource());
        var (checker, provider, _) = NewChecker();
        var entry = (await issuer.AllocateAsync(Request("message")))[0].Json;
        Assert.Equal(2, entry.GetProperty("statusSize").GetInt32());
        await issuer.SetStatusAsync(RevocationUrl, 0, 2);
        provider.Lists[RevocationUrl] = await issuer.PublishAsync(RevocationUrl, Issuer, TestData.Now.AddDays(-1));
        var result = await checker.CheckAsync(entry, Issuer);
        Assert.Equal(2, result.Status);
        Assert.Equal("rejected", result.Message);
    }

    [Fact]
    public async Task StatusList2021_credentials_are_readable()
    {
        var bits = new StatusBitstring();
        bits.Set(5, 1);
        var encoded = bits.Encode()[1..];
        var list = Encoding.UTF8.GetBytes($$"""
            {"@context":["https://www.w3.org/2018/credentials/v1","https://w3id.org/vc/status-list/2021/v1"],"id":"{{RevocationUrl}}",
             "type":["VerifiableCredential","StatusList2021Credential"],"issuer":"{{Issuer}}","issuanceDate":"2021-04-05T14:27:40Z",
             "credentialSubject":{"id":"{{RevocationUrl}}#list","type":"StatusList2021","statusPurpose":"revocation","encodedList":"{{encoded}}"} }
            """);
        var (checker, provider, _) = NewChecker();
        provider.Lists[RevocationUrl] = list;
        var revoked = Json($$"""{"id":"{{RevocationUrl}}#5","type":"StatusList2021Entry","statusPurpose":"revocation","statusListIndex":"5","statusListCredential":"{{RevocationUrl}}"}""");
        var fine = Json($$"""{"id":"{{RevocationUrl}}#6","type":"StatusList2021Entry","statusPurpose":"revocation","statusListIndex":"6","statusListCredential":"{{RevocationUrl}}"}""");
        Assert.Equal(StatusOutcome.Set, (await checker.CheckAsync(revoked, Issuer)).Outcome);
        Assert.Equal(StatusOutcome.Unset, (await checker.CheckAsync(fine, Issuer)).Outcome);
    }

    private static byte[] ListCredential(string purpose, string encoded) => Encoding.UTF8.GetBytes($$"""
        {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"x","type":["VerifiableCredential","BitstringStatusListCredential"],"issuer":"{{Issuer}}",
         "credentialSubject":{"type":"BitstringStatusList","statusPurpose":"{{purpose}}","encodedList":"{{encoded}}"} }
        """);
}
