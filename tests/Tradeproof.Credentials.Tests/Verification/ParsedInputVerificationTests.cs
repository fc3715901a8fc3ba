using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.Verification;
using Tradeproof.Json;
using static Tradeproof.Credentials.Tests.Verification.VerificationFixture;

namespace Tradeproof.Credentials.Tests.Verification;

/// <summary>
/// A caller's strict parse handed to the verifier (a node parses the body for its own checks) gives the result the
/// bytes alone give: it stands for the verifier's own parse only when it is of exactly these bytes and no less strict.
/// </summary>
public sealed class ParsedInputVerificationTests
{
    private const string Domain = "https://verifier.example";
    private readonly VerificationFixture _f = new();

    private (CredentialVerifier Verifier, InMemoryChallengeStore Store) WithStore(Func<VerifierOptions, VerifierOptions>? configure = null)
    {
        var store = new InMemoryChallengeStore(_f.Clock, new CounterRandom());
        return (_f.Verifier(o => (configure ?? (x => x))(o with { ChallengeStore = store, Domains = [Domain] })), store);
    }

    private static VerificationResult Run(CredentialVerifier verifier, byte[] input, JsonElement parsed, StrictJsonOptions parsedWith, string challenge) =>
        verifier.VerifyAsync(input, parsed, parsedWith, new VerificationRequest { Challenge = challenge }).AsTask().GetAwaiter().GetResult();

    private static string Outcomes(VerificationResult result) =>
        string.Join(", ", result.Checks.Select(c => c.Name + "=" + c.Outcome)) + " | " + string.Join(", ", result.Credentials.Select(c => c.Outcome));

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t")]
    public void A_presentation_verified_with_its_parse_gives_the_result_of_its_bytes(string around)
    {
        var (verifier, store) = WithStore();
        var first = store.Issue(Domain);
        var second = store.Issue(Domain);
        var credentials = new[] { _f.SignedCredential(), _f.SignedCredential(suite: "eddsa-jcs-2022") };
        var vp = Encoding.UTF8.GetBytes(around + Encoding.UTF8.GetString(_f.Presentation(credentials, first, Domain)) + around);
        var again = _f.Presentation(credentials, second, Domain);

        var given = Run(verifier, vp, StrictJson.ParseElement(vp), StrictJsonOptions.Default, first);
        var alone = VerificationFixture.Run(verifier, again, new VerificationRequest { Challenge = second });

        AssertValid(given);
        Assert.Equal(Outcomes(alone), Outcomes(given));
        Assert.Equal(2, given.Credentials.Count);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(vp)), given.Receipt.CredentialSha256);
    }

    [Fact]
    public void A_parse_of_other_bytes_is_not_taken_for_the_input()
    {
        // The parse is of the valid presentation, the bytes are a changed copy: the bytes are what is verified.
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential()], challenge, Domain);
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(vp).Replace("did:example:subject", "did:example:mallory", StringComparison.Ordinal));
        Assert.NotEqual(vp, changed);

        var result = Run(verifier, changed, StrictJson.ParseElement(vp), StrictJsonOptions.Default, challenge);

        Assert.Equal(VerificationOutcome.Invalid, result.Outcome);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(changed)), result.Receipt.CredentialSha256);
    }

    [Fact]
    public void A_parse_with_looser_limits_is_not_taken_for_the_verifiers_own()
    {
        // The verifier allows depth 3; the caller parsed with the default 64: the verifier parses again and refuses.
        var strict = new StrictJsonOptions { MaxDepth = 3 };
        var (verifier, store) = WithStore(o => o with { DataModel = o.DataModel with { Json = strict } });
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential()], challenge, Domain);

        var looser = Run(verifier, vp, StrictJson.ParseElement(vp), StrictJsonOptions.Default, challenge);

        Assert.Equal(VerificationOutcome.Invalid, looser.Outcome);
        Assert.Equal(CheckOutcome.Failed, looser.Check(CheckNames.StrictParse)!.Outcome);
    }

    [Fact]
    public void A_parse_with_stricter_limits_stands_for_the_verifiers_own()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential()], challenge, Domain);
        var stricter = new StrictJsonOptions { MaxDepth = 32, MaxStringBytes = 1 << 20, MaxElements = 1000, RequireIJsonNumbers = true };

        AssertValid(Run(verifier, vp, StrictJson.ParseElement(vp, stricter), stricter, challenge));
    }
}
