using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.JsonLd;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Trade.Tests.Vocabulary;

/// <summary>
/// End to end with the credential library: a credential of each of our types is signed and verified with
/// eddsa-rdfc-2022 (JSON-LD safe mode, RDFC-1.0), our context served offline by <see cref="TradeContext.DocumentLoader"/>.
/// </summary>
public sealed class OwnTypesSigningTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DataIntegrityEngine Engine = new(new DataIntegrityEngineOptions
    {
        TimeProvider = new FixedClock(Now),
        Transforms = new ProofTransforms(new JsonLdOptions { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader }),
    });

    public static TheoryData<string> OwnTypes
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var type in CredentialTypeCatalog.Default.Types.Where(t => t.Source == CredentialTypeSource.Tradeproof))
            {
                data.Add(type.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OwnTypes))]
    public void An_example_signs_and_verifies_and_a_changed_subject_fails(string name)
    {
        using var key = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(11, 32).Select(i => (byte)i).ToArray());
        var did = "did:key:" + key.PublicKey.ToMultibase();
        var credential = JsonNode.Parse(CredentialTypeCatalog.Default.Find(name)!.Example.GetRawText())!.AsObject();
        credential["issuer"]!["id"] = did;

        var signed = Engine.AddProof(Encoding.UTF8.GetBytes(credential.ToJsonString()), new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = did + "#" + key.PublicKey.ToMultibase(),
        }, key);

        var verified = Verify(signed);
        Assert.True(verified.Verified, string.Join("; ", verified.Problems));
        Assert.True(CredentialTypeCatalog.Default.Validate(signed).IsValid);

        // Any change to a term of ours changes the canonical form, so the signature no longer holds.
        var tampered = JsonNode.Parse(signed)!.AsObject();
        var subject = tampered["credentialSubject"]!.AsObject();
        var firstOwnTerm = subject.First(p => p.Key != "type" && p.Key != "id" && p.Value is JsonValue).Key;
        subject[firstOwnTerm] = "changed-" + subject[firstOwnTerm]!.ToJsonString().Trim('"');
        Assert.False(Verify(Encoding.UTF8.GetBytes(tampered.ToJsonString())).Verified);
    }

    [Fact]
    public void Without_our_loader_a_credential_of_ours_cannot_be_signed()
    {
        using var key = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(11, 32).Select(i => (byte)i).ToArray());
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = new FixedClock(Now) });
        var example = Encoding.UTF8.GetBytes(CredentialTypeCatalog.Default.Find("CustodyTransferCredential")!.Example.GetRawText());
        var method = "did:key:" + key.PublicKey.ToMultibase() + "#" + key.PublicKey.ToMultibase();

        var error = Assert.Throws<ProofTransformException>(() => engine.AddProof(example, new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = method }, key));
        Assert.Contains(TradeContext.Url, error.ToString(), StringComparison.Ordinal);
    }

    private static DataIntegrityVerificationResult Verify(byte[] signed) =>
        Engine.VerifyAsync(signed, new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local }).AsTask().GetAwaiter().GetResult();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
