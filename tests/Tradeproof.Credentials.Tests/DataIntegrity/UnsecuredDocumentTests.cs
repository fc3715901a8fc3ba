using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Json;
using static Tradeproof.Credentials.Tests.TestData;

namespace Tradeproof.Credentials.Tests.DataIntegrity;

/// <summary>
/// The unsecured document cut out of the secured document's strict text (<see cref="DataIntegrityEngine.WithoutProofMember(ReadOnlySpan{byte})"/>)
/// is the same JSON value as the one written anew without <c>proof</c>, wherever <c>proof</c> stands.
/// </summary>
public sealed class UnsecuredDocumentTests
{
    public static TheoryData<string> Documents() => new()
    {
        """{"a":1,"proof":{"x":[1,2]},"b":"c"}""",
        """{"proof":{"x":[1,2]},"a":1,"b":"c"}""",
        """{"a":1,"b":"c","proof":[{"x":1},{"y":2}]}""",
        """{"proof":{}}""",
        """{ "proof" : 5 }""",
        """{"a":{"proof":1},"b":[{"proof":2}]}""",
        """{"a":1}""",
        """{}""",
        "{\n  \"a\" : \"proof\" ,\n  \"proof\" : { \"k\" : \"v\" } ,\n  \"z\" : [ true, false, null ]\n}",
        """{"a":1, "pr\u006fof":{"x":1} , "b":2}""",
        """{"proofs":1,"proof":null,"xproof":2}""",
        """{"\"proof\"":1,"proof":"},{"}""",
        """{"proof":1,"a":2}""",
        """{"proof":[] ,"a":2}""",
        "{\r\n\t\"proof\"\t:\t\"x\"\r\n}",
        """{"a":"proof:","proof":{"proof":{}}}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Cutting_proof_out_gives_the_value_written_without_it(string json)
    {
        var root = StrictJson.ParseElement(Encoding.UTF8.GetBytes(json));
        var cut = DataIntegrityEngine.WithoutProofMember(Encoding.UTF8.GetBytes(json));
        var written = DataIntegrityEngine.WithProofs(root, null);

        // Found from the parse (where the proof value lies in the text) or by reading the text: the same bytes.
        if (root.TryGetProperty("proof", out var proofMember))
        {
            Assert.Equal(cut, DataIntegrityEngine.WithoutProofMember(root, proofMember));
        }

        var cutRoot = StrictJson.ParseElement(cut);
        Assert.True(JsonElement.DeepEquals(cutRoot, StrictJson.ParseElement(written)), Encoding.UTF8.GetString(cut));
        Assert.False(cutRoot.TryGetProperty("proof", out _));
        Assert.Equal(root.EnumerateObject().Count(p => !p.NameEquals("proof")), cutRoot.EnumerateObject().Count());
    }

    [Fact]
    public async Task A_proof_verifies_wherever_it_stands_and_with_any_spacing()
    {
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = new FixedClock(Now) });
        using var key = Key(KeyType.Ed25519);
        var signed = engine.AddProof(Utf8(Credential), new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = MethodOf(key) }, key);
        var root = StrictJson.ParseElement(signed);
        var proof = root.GetProperty("proof").GetRawText();
        var members = root.EnumerateObject().Where(p => !p.NameEquals("proof")).Select(p => JsonSerializer.Serialize(p.Name) + ":" + p.Value.GetRawText()).ToList();
        var options = new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local };
        for (var at = 0; at <= members.Count; at++)
        {
            var reordered = members.Select(m => m).ToList();
            reordered.Insert(at, "\"proof\" :\n " + proof);
            var document = Encoding.UTF8.GetBytes("{ " + string.Join(" ,\n", reordered) + " }");
            var result = await engine.VerifyAsync(document, options);
            Assert.True(result.Verified, $"proof at {at}: " + string.Join("; ", result.Problems));

            // The same document with another member changed fails: the cut keeps the document's content.
            var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(document).Replace("did:example:subject", "did:example:mallory", StringComparison.Ordinal));
            Assert.False((await engine.VerifyAsync(tampered, options)).Verified);
        }
    }
}
