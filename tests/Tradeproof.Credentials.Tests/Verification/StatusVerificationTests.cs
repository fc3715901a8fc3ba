using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;
using static Tradeproof.Credentials.Tests.Verification.VerificationFixture;

namespace Tradeproof.Credentials.Tests.Verification;

/// <summary>Status through the verifier: revoked and suspended are invalid, unreachable is "could not check", broken lists never pass.</summary>
public sealed class StatusVerificationTests
{
    private readonly VerificationFixture _f = new();

    /// <summary>A signed BitstringStatusListCredential at <paramref name="url"/> with any encodedList.</summary>
    private byte[] SignedList(string url, string purpose, string encodedList, KeyPair? signer = null)
    {
        signer ??= _f.Issuer;
        var list = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = url,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = DidOf(signer),
            ["validFrom"] = "2025-01-01T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = url + "#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = purpose,
                ["encodedList"] = encodedList,
            },
        };
        return _f.Sign(Encoding.UTF8.GetBytes(list.ToJsonString()), signer);
    }

    private static string Gzipped(int bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[bytes]);
        }

        return "u" + Base64UrlStrict.Encode(output.ToArray());
    }

    [Fact]
    public async Task A_credential_whose_bits_are_not_set_is_valid_and_the_receipt_names_the_lists()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation", "suspension");
        await _f.PublishAsync(RevocationUrl);
        await _f.PublishAsync(SuspensionUrl);
        var result = Run(_f.Verifier(), credential);
        AssertValid(result);
        Assert.Equal(CheckOutcome.Passed, result.Check(CheckNames.Status)!.Outcome);
        Assert.Equal([RevocationUrl, SuspensionUrl], result.Receipt.StatusLists.Select(s => s.Id));
        Assert.All(result.Receipt.StatusLists, s => Assert.Equal(64, s.Sha256.Length));
    }

    [Theory]
    [InlineData("revocation", RevocationUrl, "Revoked")]
    [InlineData("suspension", SuspensionUrl, "Suspended")]
    public async Task A_revoked_or_suspended_credential_is_invalid_at_the_status_check(string purpose, string url, string title)
    {
        var (credential, indexes) = await _f.CredentialWithStatusAsync(purpose);
        await _f.StatusIssuer.SetStatusAsync(url, indexes[0], 1);
        await _f.PublishAsync(url);
        var result = Run(_f.Verifier(), credential);
        AssertInvalidAt(result, CheckNames.Status, ProblemTypes.RangeError);
        Assert.Contains(result.Problems, p => p.Title == title);
    }

    [Fact]
    public async Task Index_zero_is_the_left_most_bit_so_revoking_it_leaves_index_one_valid()
    {
        var (first, firstIndexes) = await _f.CredentialWithStatusAsync("revocation");
        var (second, secondIndexes) = await _f.CredentialWithStatusAsync("revocation");
        Assert.Equal(secondIndexes[0], firstIndexes[0] + 1);
        await _f.StatusIssuer.SetStatusAsync(RevocationUrl, firstIndexes[0], 1);
        await _f.PublishAsync(RevocationUrl);
        var verifier = _f.Verifier();
        Assert.False(Run(verifier, first).Verified);
        AssertValid(Run(verifier, second));
    }

    [Fact]
    public async Task An_unreachable_status_list_is_indeterminate_never_valid()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        var result = Run(_f.Verifier(), credential);
        Assert.Equal(VerificationOutcome.Indeterminate, result.Outcome);
        Assert.Equal(StatusProblemTypes.RetrievalError, Assert.Single(result.Check(CheckNames.Status)!.Problems).Type);
    }

    [Fact]
    public async Task Without_a_status_source_a_credential_with_status_is_indeterminate()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        var result = Run(_f.Verifier(o => o with { StatusListProvider = null }), credential);
        Assert.Equal(VerificationOutcome.Indeterminate, result.Outcome);
    }

    [Fact]
    public async Task An_entry_whose_purpose_differs_from_the_list_is_invalid()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        _f.StatusLists.Lists[RevocationUrl] = SignedList(RevocationUrl, "suspension", new StatusBitstring().Encode());
        AssertInvalidAt(Run(_f.Verifier(), credential), CheckNames.Status, StatusProblemTypes.VerificationError);
    }

    [Fact]
    public async Task A_list_from_another_issuer_is_untrusted_and_the_status_invalid()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        _f.StatusLists.Lists[RevocationUrl] = SignedList(RevocationUrl, "revocation", new StatusBitstring().Encode(), _f.Attacker);
        AssertInvalidAt(Run(_f.Verifier(), credential), CheckNames.Status, StatusProblemTypes.VerificationError);
    }

    [Fact]
    public async Task A_list_whose_signature_does_not_verify_is_not_used()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        await _f.PublishAsync(RevocationUrl);
        _f.StatusLists.Lists[RevocationUrl] = TestData.Edit(_f.StatusLists.Lists[RevocationUrl], n => n["validFrom"] = "2025-01-02T00:00:00Z");
        AssertInvalidAt(Run(_f.Verifier(), credential), CheckNames.Status, StatusProblemTypes.VerificationError);
    }

    [Fact]
    public async Task A_list_shorter_than_the_minimum_is_a_list_length_error()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        _f.StatusLists.Lists[RevocationUrl] = SignedList(RevocationUrl, "revocation", Gzipped(100));
        AssertInvalidAt(Run(_f.Verifier(), credential), CheckNames.Status, StatusProblemTypes.ListLengthError);
    }

    [Fact]
    public async Task A_decompression_bomb_stops_at_the_cap_and_is_never_valid()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        _f.StatusLists.Lists[RevocationUrl] = SignedList(RevocationUrl, "revocation", Gzipped(8 << 20));
        var result = Run(_f.Verifier(o => o with { StatusListLimits = new StatusListLimits { MaxDecompressedBytes = 32768 } }), credential);
        Assert.False(result.Verified);
        Assert.Contains(result.Check(CheckNames.Status)!.Problems, p => p.Title == "Status list over the size caps");
    }

    [Fact]
    public async Task An_index_beyond_the_list_is_a_range_error()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        await _f.PublishAsync(RevocationUrl);
        var outOfRange = _f.Sign(TestData.Edit(credential, n =>
        {
            n.Remove("proof");
            n["credentialStatus"]![0]!["statusListIndex"] = "999999999";
        }), _f.Issuer);
        AssertInvalidAt(Run(_f.Verifier(), outOfRange), CheckNames.Status, ProblemTypes.RangeError);
    }

    [Fact]
    public void An_unknown_status_mechanism_is_never_valid()
    {
        // JCS signs the JSON as is, so a status type no context defines can be signed.
        var credential = _f.SignedCredential("\"credentialStatus\": { \"id\": \"https://issuer.example/status/x#1\", \"type\": \"SomeOtherStatus\" },", "eddsa-jcs-2022");
        var result = Run(_f.Verifier(), credential);
        Assert.Equal(VerificationOutcome.Indeterminate, result.Outcome);
        Assert.Equal(CheckOutcome.Indeterminate, result.Check(CheckNames.Status)!.Outcome);
    }

    [Fact]
    public async Task The_receipt_holds_the_hash_of_the_status_list_bytes_used()
    {
        var (credential, _) = await _f.CredentialWithStatusAsync("revocation");
        await _f.PublishAsync(RevocationUrl);
        var result = Run(_f.Verifier(), credential);
        AssertValid(result);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_f.StatusLists.Lists[RevocationUrl]));
        Assert.Equal(expected, Assert.Single(result.Receipt.StatusLists).Sha256);
    }
}
