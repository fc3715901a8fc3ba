using System.Text.Json.Nodes;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Cryptography;
using static Tradeproof.Cli.Tests.CliTestFiles;

namespace Tradeproof.Cli.Tests;

/// <summary>
/// <c>tradeproof status create|set|publish|check</c> and <c>issue --status-list</c>: indexes never reused, revocation
/// and suspension round trips, lists that cannot be trusted reported as "could not check" (exit 2), atomic state.
/// </summary>
public sealed class StatusCommandsTests : IDisposable
{
    private const string RevocationUrl = "https://status.steel.example.com/lists/revocation-1";
    private const string SuspensionUrl = "https://status.steel.example.com/lists/suspension-1";
    private readonly CliTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Key => _files.KeyFile(KeyType.Ed25519).Path;

    private string CreateList(string name, string url, string purpose, string? key = null)
    {
        var path = _files.PathOf(name);
        var result = CliRunner.Run("status", "create", "--key", key ?? Key, "--url", url, "--purpose", purpose, "--out", path);
        Assert.True(result.ExitCode == 0, result.Error);
        return path;
    }

    private JsonObject IssueWithStatus(params string[] lists)
    {
        var args = new List<string> { "issue", _files.Write("mtr.json", MillTestReport), "--key", Key };
        foreach (var list in lists)
        {
            args.AddRange(["--status-list", list]);
        }

        var result = CliRunner.Run([.. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return ParseObject(result.Output);
    }

    /// <summary>The status list index a credential got for <paramref name="purpose"/> (indexes are random).</summary>
    private static string IndexOf(JsonObject credential, string purpose = "revocation")
    {
        var status = credential["credentialStatus"]!;
        var entries = status is JsonArray array ? array.Select(e => e!) : [status];
        return entries.Single(e => e["statusPurpose"]!.GetValue<string>() == purpose)["statusListIndex"]!.GetValue<string>();
    }

    private static int AllocatedCount(string state) => ParseObject(File.ReadAllText(state))["allocatedCount"]!.GetValue<int>();

    /// <summary>The indexes a state file records as given out.</summary>
    private static List<int> GivenIndexes(string state)
    {
        var bits = StatusBitstring.Decode(ParseObject(File.ReadAllText(state))["allocatedList"]!.GetValue<string>(), 1);
        return [.. Enumerable.Range(0, bits.Entries).Where(i => bits.Get(i) != 0)];
    }

    [Fact]
    public async Task The_allocator_draws_indexes_from_the_injected_randomness_and_never_repeats_one()
    {
        var path = CreateList("revocation.json", RevocationUrl, "revocation");
        var issuer = ParseObject(File.ReadAllText(path))["issuer"]!.GetValue<string>();

        // The same four random bytes every time: the first draw is that index, the next ones the free ones after it.
        var random = new RepeatingRandom([0x00, 0x00, 0x30, 0x39]);
        var given = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var allocator = new Commands.StateFileStatusAllocator([path], random);
            await allocator.AllocateAsync(new Tradeproof.Credentials.Issuance.CredentialStatusRequest { CredentialId = "urn:uuid:" + Guid.NewGuid(), Issuer = issuer, StatusPurposes = ["revocation"] });
            given.Add(Assert.Single(allocator.Allocated).Index);
        }

        Assert.Equal([12345, 12346, 12347], given);
        Assert.Equal(given, GivenIndexes(path));
        Assert.Equal(3, AllocatedCount(path));
    }

    private sealed class RepeatingRandom(byte[] bytes) : IRandomSource
    {
        public void Fill(Span<byte> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = bytes[i % bytes.Length];
            }
        }
    }

    private string Publish(string state, string name)
    {
        var output = _files.PathOf(name);
        var result = CliRunner.Run("status", "publish", state, "--key", Key, "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        return output;
    }

    private CliResult Check(JsonObject credential, params string[] lists)
    {
        var args = new List<string> { "status", "check", _files.Write("credential.json", credential.ToJsonString()) };
        foreach (var list in lists)
        {
            args.AddRange(["--list", list]);
        }

        return CliRunner.Run([.. args]);
    }

    [Fact]
    public void Create_writes_a_state_file_and_never_overwrites_it()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var content = ParseObject(File.ReadAllText(state));
        Assert.Equal("TradeproofStatusListState", content["type"]!.GetValue<string>());
        Assert.Equal(RevocationUrl, content["url"]!.GetValue<string>());
        Assert.Equal(131072, content["length"]!.GetValue<int>());
        Assert.Equal(0, content["allocatedCount"]!.GetValue<int>());
        Assert.Equal(131072, StatusBitstring.Decode(content["allocatedList"]!.GetValue<string>(), 1).Entries);
        Assert.Equal(DidOf(_files.KeyFile(KeyType.Ed25519).Key), content["issuer"]!.GetValue<string>());
        Assert.Equal(131072, StatusBitstring.Decode(content["encodedList"]!.GetValue<string>(), 1).Entries);

        var before = File.ReadAllText(state);
        var again = CliRunner.Run("status", "create", "--key", Key, "--url", RevocationUrl, "--out", state);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("never overwritten", Assert.Single(again.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(state));
    }

    [Theory]
    [InlineData("--length", "1000")]
    [InlineData("--url", "ftp://status.example/list")]
    [InlineData("--url", "https://status.example/list#frag")]
    public void Create_refuses_short_lists_and_odd_urls(string option, string value)
    {
        var args = new List<string> { "status", "create", "--key", Key, "--out", _files.PathOf("s.json"), option, value };
        if (option != "--url")
        {
            args.AddRange(["--url", RevocationUrl]);
        }

        var result = CliRunner.Run([.. args]);
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.False(File.Exists(_files.PathOf("s.json")));
    }

    [Fact]
    public void A_list_needs_a_key_that_can_sign_it()
    {
        var result = CliRunner.Run("status", "create", "--key", _files.KeyFile(KeyType.Secp256k1).Path, "--url", RevocationUrl, "--out", _files.PathOf("k1.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Ed25519, P-256 or P-384", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_files.PathOf("k1.json")));
    }

    [Fact]
    public void Issued_credentials_get_random_indexes_never_reused_across_runs()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var indexes = Enumerable.Range(0, 3).Select(_ => IssueWithStatus(state)["credentialStatus"]!).ToList();
        var numbers = indexes.Select(s => int.Parse(s["statusListIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.InRange(n, 0, 131071));

        // Random, not sequential (Bitstring Status List §6.1): three in a row from 0 is a 1 in 2^51 chance.
        Assert.NotEqual([0, 1, 2], numbers);
        foreach (var entry in indexes)
        {
            Assert.Equal("BitstringStatusListEntry", entry["type"]!.GetValue<string>());
            Assert.Equal("revocation", entry["statusPurpose"]!.GetValue<string>());
            Assert.Equal(RevocationUrl, entry["statusListCredential"]!.GetValue<string>());
        }

        Assert.Equal(3, AllocatedCount(state));
        Assert.Empty(Directory.GetFiles(_files.Folder, "*.tmp"));
    }

    [Fact]
    public void A_credential_that_cannot_be_issued_spends_no_index()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var bad = CliRunner.Run("issue", _files.Write("bad.json", "{\"not\": \"a credential\"}"), "--key", Key, "--status-list", state);
        Assert.Equal(1, bad.ExitCode);
        var undefinedTerm = CliRunner.Run("issue", _files.Write("undefined.json", "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"], \"credentialSubject\": {\"undefinedTerm\": 1}}"), "--key", Key, "--status-list", state);
        Assert.Equal(1, undefinedTerm.ExitCode);
        var v1 = CliRunner.Run("issue", _files.Write("v1.json", MillTestReportV1), "--key", Key, "--status-list", state);
        Assert.Equal(1, v1.ExitCode);
        Assert.Contains("VC Data Model 2.0", Assert.Single(v1.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, AllocatedCount(state));
        IssueWithStatus(state);
        var next = AllocatedCount(state);
        Assert.Equal(1, next);

        // Another issuer's list: refused before an index is taken.
        var (otherKey, _) = _files.KeyFile(KeyType.P256, "other");
        var result = CliRunner.Run("issue", _files.Write("mtr.json", MillTestReport), "--key", otherKey, "--status-list", state);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is the status list of", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(next, AllocatedCount(state));
    }

    [Fact]
    public void Revocation_round_trip_create_issue_publish_check_set_publish_check()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var first = IssueWithStatus(state);
        var second = IssueWithStatus(state);
        var list = Publish(state, "list.json");
        var published = ParseObject(File.ReadAllText(list));
        Assert.Equal(RevocationUrl, published["id"]!.GetValue<string>());
        Assert.Equal("BitstringStatusListCredential", published["type"]![1]!.GetValue<string>());
        Assert.True(VerifyDataIntegrity(File.ReadAllText(list).TrimEnd('\n')).Verified);

        var valid = Check(second, list);
        Assert.True(valid.ExitCode == 0, valid.Output + valid.Error);
        Assert.Contains("revocation: valid", valid.Output, StringComparison.Ordinal);

        var set = CliRunner.Run("status", "set", state, IndexOf(second), "--value", "1");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("valid -> revoked", set.Output, StringComparison.Ordinal);

        // The old published list still says valid; the new one says revoked; the other credential is untouched.
        Assert.Equal(0, Check(second, list).ExitCode);
        var revokedList = Publish(state, "list-2.json");
        var revoked = Check(second, revokedList);
        Assert.Equal(1, revoked.ExitCode);
        Assert.Contains("revocation: revoked", revoked.Output, StringComparison.Ordinal);
        Assert.Equal(0, Check(first, revokedList).ExitCode);
    }

    [Fact]
    public void Suspension_is_set_and_lifted_beside_revocation()
    {
        var revocation = CreateList("revocation.json", RevocationUrl, "revocation");
        var suspension = CreateList("suspension.json", SuspensionUrl, "suspension");
        var credential = IssueWithStatus(revocation, suspension);
        var entries = credential["credentialStatus"]!.AsArray();
        Assert.Equal(["revocation", "suspension"], entries.Select(e => e!["statusPurpose"]!.GetValue<string>()));

        Assert.Equal(0, CliRunner.Run("status", "set", suspension, IndexOf(credential, "suspension"), "--value", "1").ExitCode);
        var suspended = Check(credential, Publish(revocation, "r.json"), Publish(suspension, "s.json"));
        Assert.Equal(1, suspended.ExitCode);
        Assert.Contains("revocation: valid", suspended.Output, StringComparison.Ordinal);
        Assert.Contains("suspension: suspended", suspended.Output, StringComparison.Ordinal);

        var lifted = CliRunner.Run("status", "set", suspension, IndexOf(credential, "suspension"), "--value", "0", "--json");
        Assert.Equal(1, ParseObject(lifted.Output)["previous"]!.GetValue<int>());
        var json = Check(credential, Publish(revocation, "r.json"), Publish(suspension, "s2.json"));
        Assert.Equal(0, json.ExitCode);

        var described = CliRunner.Run("status", "check", _files.PathOf("credential.json"), "--list", _files.PathOf("r.json"), "--list", _files.PathOf("s2.json"), "--json");
        var result = ParseObject(described.Output);
        Assert.Equal("valid", result["outcome"]!.GetValue<string>());
        Assert.Equal(2, result["entries"]!.AsArray().Count);
    }

    [Fact]
    public void Set_refuses_indexes_never_given_out_and_values_other_than_0_or_1()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var given = int.Parse(IndexOf(IssueWithStatus(state)), System.Globalization.CultureInfo.InvariantCulture);
        var never = CliRunner.Run("status", "set", state, ((given + 5) % 131072).ToString(System.Globalization.CultureInfo.InvariantCulture), "--value", "1");
        Assert.Equal(1, never.ExitCode);
        Assert.Contains("never given to a credential", Assert.Single(never.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("status", "set", state, "-1", "--value", "1").ExitCode);
        Assert.Equal(2, CliRunner.Run("status", "set", state, given.ToString(System.Globalization.CultureInfo.InvariantCulture), "--value", "2").ExitCode);
        Assert.Equal(1, CliRunner.Run("status", "set", _files.PathOf("absent.json"), "0", "--value", "1").ExitCode);
    }

    [Fact]
    public void Unknown_status_is_not_valid_exit_2()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var credential = IssueWithStatus(state);
        var list = Publish(state, "list.json");

        // No list for the entry's URL.
        var other = CreateList("other.json", "https://status.steel.example.com/lists/other", "revocation");
        var missing = Check(credential, Publish(other, "other-list.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("could not check", missing.Output, StringComparison.Ordinal);

        // A tampered list (bits flipped after signing) does not verify.
        var tampered = ParseObject(File.ReadAllText(list));
        tampered["credentialSubject"]!["encodedList"] = new StatusBitstring().Encode();
        tampered["validFrom"] = "2020-01-01T00:00:00Z";
        Assert.Equal(2, Check(credential, _files.Write("tampered.json", tampered.ToJsonString())).ExitCode);

        // A list published by another issuer for the same URL.
        var (otherKey, _) = _files.KeyFile(KeyType.P256, "other");
        var impostorState = CreateList("impostor.json", RevocationUrl, "revocation", otherKey);
        var impostor = _files.PathOf("impostor-list.json");
        Assert.Equal(0, CliRunner.Run("status", "publish", impostorState, "--key", otherKey, "--out", impostor).ExitCode);
        Assert.Equal(2, Check(credential, impostor).ExitCode);

        // A suspension list given for a revocation entry.
        var suspensionState = CreateList("suspension.json", RevocationUrl, "suspension");
        Assert.Equal(2, Check(credential, Publish(suspensionState, "wrong-purpose.json")).ExitCode);
    }

    [Fact]
    public void Publish_needs_the_lists_own_key_and_corrupt_state_is_refused()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var (otherKey, _) = _files.KeyFile(KeyType.Ed25519, "other");
        var wrongKey = CliRunner.Run("status", "publish", state, "--key", otherKey);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Single(wrongKey.ErrorLines);

        var corrupt = ParseObject(File.ReadAllText(state));
        corrupt["allocatedCount"] = 999999;
        var path = _files.Write("corrupt.json", corrupt.ToJsonString());
        var result = CliRunner.Run("status", "publish", path, "--key", Key);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("out of range", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("status", "set", _files.Write("junk.json", "{]"), "0", "--value", "1").ExitCode);
        Assert.Equal(1, CliRunner.Run("issue", _files.Write("mtr.json", MillTestReport), "--key", Key, "--status-list", _files.Write("notstate.json", "{}")).ExitCode);
    }

    [Fact]
    public async Task Concurrent_issues_from_one_state_file_never_share_an_index()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var credential = _files.Write("mtr.json", MillTestReport);
        var runs = Enumerable.Range(0, 6).Select(_ => Task.Run(() => CliRunner.Run("issue", credential, "--key", Key, "--status-list", state, "--json")));
        var results = await Task.WhenAll(runs);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        var indexes = results.Select(r => ParseObject(r.Output)["status"]![0]!["statusListIndex"]!.GetValue<int>()).Order().ToList();
        Assert.Equal(6, indexes.Distinct().Count());
        Assert.Equal(6, AllocatedCount(state));
    }

    [Fact]
    public void A_vc_jwt_status_is_read_from_its_payload()
    {
        var state = CreateList("revocation.json", RevocationUrl, "revocation");
        var issued = CliRunner.Run("issue", _files.Write("mtr.json", MillTestReport), "--key", Key, "--suite", "jwt", "--status-list", state, "--out", _files.PathOf("vc.jwt"));
        Assert.True(issued.ExitCode == 0, issued.Error);
        var given = Assert.Single(GivenIndexes(state)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, CliRunner.Run("status", "set", state, given, "--value", "1").ExitCode);
        var result = CliRunner.Run("status", "check", _files.PathOf("vc.jwt"), "--list", Publish(state, "list.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("revocation: revoked", result.Output, StringComparison.Ordinal);

        var notAList = CliRunner.Run("status", "check", _files.PathOf("vc.jwt"), "--list", _files.PathOf("vc.jwt"));
        Assert.Equal(1, notAList.ExitCode);
        Assert.Contains("vc.jwt is not a status list credential", Assert.Single(notAList.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_without_status_has_nothing_to_check()
    {
        var credential = ParseObject(CliRunner.Run("issue", _files.Write("mtr.json", MillTestReport), "--key", Key).Output);
        var list = Publish(CreateList("revocation.json", RevocationUrl, "revocation"), "list.json");
        var result = Check(credential, list);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no credentialStatus", result.Output, StringComparison.Ordinal);
    }
}
