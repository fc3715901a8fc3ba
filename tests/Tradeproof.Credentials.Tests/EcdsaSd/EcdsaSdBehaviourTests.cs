using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Tests.EcdsaSd;

/// <summary>Behaviour: JSON pointers, selection, proof value parsing, issue → derive → verify, tampering.</summary>
public sealed class EcdsaSdBehaviourTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("/a", new[] { "a" })]
    [InlineData("/a~1b/c~0d/0", new[] { "a/b", "c~d", "0" })]
    [InlineData("/", new[] { "" })]
    [InlineData("/~01", new[] { "~1" })]
    public void Json_pointers_parse_per_RFC_6901(string pointer, string[] paths) =>
        Assert.Equal(paths, JsonPointerToPaths.Parse(pointer));

    [Theory]
    [InlineData("a")]
    [InlineData("/a~2")]
    [InlineData("/a~")]
    public void Malformed_json_pointers_are_a_proof_generation_error(string pointer)
    {
        var e = Assert.Throws<EcdsaSdException>(() => JsonPointerToPaths.Parse(pointer));
        Assert.Equal(EcdsaSdException.ProofGenerationError, e.Code);
    }

    [Fact]
    public void Selection_keeps_ids_and_types_and_makes_arrays_dense()
    {
        var document = JsonNode.Parse("""
            {"@context": ["c"], "id": "urn:x", "type": "T", "items": [{"id": "urn:1", "type": "I", "n": 1, "m": 2}, {"n": 3}, {"type": "I", "n": 4}], "other": 5}
            """)!.AsObject();
        var selection = SelectJsonLd.Select(["/items/2/n", "/items/0/m"], document)!;
        var expected = JsonNode.Parse("""
            {"@context": ["c"], "id": "urn:x", "type": "T", "items": [{"id": "urn:1", "type": "I", "m": 2}, {"type": "I", "n": 4}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, selection), selection.ToJsonString());
        Assert.Null(SelectJsonLd.Select([], document));
    }

    [Fact]
    public void A_pointer_selecting_nothing_is_a_proof_generation_error()
    {
        var document = JsonNode.Parse("""{"a": {"b": [1]}}""")!.AsObject();
        Assert.Equal(EcdsaSdException.ProofGenerationError, Assert.Throws<EcdsaSdException>(() => SelectJsonLd.Select(["/a/c"], document)).Code);
        Assert.Throws<EcdsaSdException>(() => SelectJsonLd.Select(["/a/b/1"], document));
        Assert.Throws<EcdsaSdException>(() => SelectJsonLd.Select(["/a/b/01"], document));
        Assert.Throws<EcdsaSdException>(() => SelectJsonLd.Select(["/a/b/0/x"], document));
    }

    [Theory]
    [InlineData("z2V0B")]
    [InlineData("u")]
    [InlineData("u2V0C")]
    [InlineData("u2V0BgA")]
    [InlineData("u!!!")]
    public void Malformed_derived_proof_values_are_refused(string proofValue) =>
        Assert.Equal(EcdsaSdException.ProofVerificationError, Assert.Throws<EcdsaSdException>(() => ProofValueSerialization.ParseDerived(proofValue)).Code);

    [Fact]
    public void Issue_derive_and_verify_through_the_engine()
    {
        var set = new SdVectors("prc");
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions
        {
            Registry = new CryptosuiteRegistry().Add(new EcdsaSd2023Cryptosuite(["/issuer", "/credentialSubject/familyName"])),
        });
        var signed = engine.AddProof(set.Unsigned, SdVectors.OptionsFrom(set.Bytes("addProofConfig.json")), set.IssuerKey);
        Assert.Null(EcdsaSd2023.VerifyBaseProof(signed, set.IssuerKey.PublicKey));

        // A verifier refuses the base proof itself.
        var baseResult = SdVectors.Verify(signed);
        Assert.False(baseResult.Verified);

        var derived = EcdsaSd2023.Derive(signed, ["/credentialSubject/birthDate", "/credentialSubject/permanentResidentCard/lprNumber"]);
        var node = JsonNode.Parse(derived)!;
        Assert.Equal("SMITH", node["credentialSubject"]!["familyName"]!.GetValue<string>());
        Assert.Equal("999-999-999", node["credentialSubject"]!["permanentResidentCard"]!["lprNumber"]!.GetValue<string>());
        Assert.Null(node["credentialSubject"]!["givenName"]);
        var result = SdVectors.Verify(derived);
        Assert.True(result.Verified, string.Join("; ", result.Problems));

        // Dropping a disclosed claim, or changing one, breaks the proof.
        var dropped = node.DeepClone();
        dropped["credentialSubject"]!.AsObject().Remove("birthDate");
        Assert.False(SdVectors.Verify(Encoding.UTF8.GetBytes(dropped.ToJsonString())).Verified);
        var changed = node.DeepClone();
        changed["credentialSubject"]!["familyName"] = "JONES";
        Assert.False(SdVectors.Verify(Encoding.UTF8.GetBytes(changed.ToJsonString())).Verified);
    }

    [Fact]
    public void A_tampered_base_proof_fails_the_holder_check()
    {
        var set = new SdVectors("prc");
        var signed = set.Json("addSignedSDBase.json");
        signed["credentialSubject"]!["givenName"] = "JOHN";
        var problem = EcdsaSd2023.VerifyBaseProof(Encoding.UTF8.GetBytes(signed.ToJsonString()), set.IssuerKey.PublicKey);
        Assert.NotNull(problem);
        Assert.Equal(ProblemTypes.ProofVerificationError, problem.Type);

        // The wrong issuer key fails too.
        using var other = KeyPair.Generate(KeyType.P256);
        Assert.NotNull(EcdsaSd2023.VerifyBaseProof(set.Bytes("addSignedSDBase.json"), other.PublicKey));
    }

    [Fact]
    public void Deriving_needs_a_base_proof()
    {
        var set = new SdVectors("prc");
        var e = Assert.Throws<EcdsaSdException>(() => EcdsaSd2023.Derive(set.Bytes("derivedRevealDocument.json"), []));
        Assert.Equal(EcdsaSdException.ProofVerificationError, e.Code);
        Assert.Throws<EcdsaSdException>(() => EcdsaSd2023.Derive(set.Bytes("addSignedSDBase.json"), ["/credentialSubject/nothing"]));
    }

    [Fact]
    public void A_derived_proof_with_a_forged_signature_list_fails()
    {
        var set = new SdVectors("prc");
        var document = set.Json("derivedRevealDocument.json");
        var parsed = ProofValueSerialization.ParseDerived(document["proof"]!["proofValue"]!.GetValue<string>());
        var fewer = parsed with { Signatures = [.. parsed.Signatures.Skip(1)] };
        document["proof"]!["proofValue"] = ProofValueSerialization.SerializeDerived(fewer);
        var result = SdVectors.Verify(Encoding.UTF8.GetBytes(document.ToJsonString()));
        Assert.False(result.Verified);
        Assert.Contains(result.Problems, p => p.Type == ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_label_map_that_merges_blank_nodes_is_refused()
    {
        var set = new SdVectors("prc");
        var parsed = ProofValueSerialization.ParseDerived(set.Json("derivedRevealDocument.json")["proof"]!["proofValue"]!.GetValue<string>());
        Assert.True(parsed.LabelMap.Count >= 2);
        var merged = parsed.LabelMap.ToDictionary(e => e.Key, _ => parsed.LabelMap["c14n0"], StringComparer.Ordinal);
        var forged = ProofValueSerialization.SerializeDerived(parsed with { LabelMap = merged });
        Assert.Equal(EcdsaSdException.ProofVerificationError, Assert.Throws<EcdsaSdException>(() => ProofValueSerialization.ParseDerived(forged)).Code);
    }

    [Theory]
    [InlineData("u2V0B")]
    [InlineData("u2V0BhQ")]
    [InlineData("zNotBase64Url")]
    [InlineData("u2V0BhUBAgKgg")]
    public void A_malformed_derived_proof_value_is_reported_not_thrown(string proofValue)
    {
        var set = new SdVectors("employ");
        var document = set.Json("derivedRevealDocument.json");
        document["proof"]!["proofValue"] = proofValue;
        var result = SdVectors.Verify(Encoding.UTF8.GetBytes(document.ToJsonString()));
        Assert.False(result.Verified);
        Assert.Contains(result.Problems, p => p.Type == ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void Random_bytes_fail_cbor_decoding_only_with_its_typed_exception()
    {
        var random = new Random(2023);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            try
            {
                Tradeproof.Credentials.Cbor.CborReader.Decode(bytes);
            }
            catch (Tradeproof.Credentials.Cbor.CborException)
            {
                // Expected for most inputs; any other exception type fails the test.
            }
        }

        // Mutating a real proof value: parse either succeeds or fails with the typed exception.
        var valid = System.Buffers.Text.Base64Url.DecodeFromChars(new SdVectors("prc").SignedBaseProofValue.AsSpan(1));
        var failures = 0;
        for (var i = 0; i < 300; i++)
        {
            var mutated = (byte[])valid.Clone();
            mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                ProofValueSerialization.ParseBase("u" + System.Buffers.Text.Base64Url.EncodeToString(mutated));
            }
            catch (EcdsaSdException)
            {
                failures++;
            }
        }

        Assert.True(failures > 0);
    }

    [Fact]
    public void Mandatory_pointers_are_checked_when_the_suite_is_made() =>
        Assert.Throws<ArgumentException>(() => new EcdsaSd2023Cryptosuite(["issuer"]));

    [Fact]
    public void The_default_registry_holds_ecdsa_sd_2023()
    {
        Assert.True(CryptosuiteRegistry.CreateDefault().TryGet("ecdsa-sd-2023", out var suite));
        Assert.True(suite.SupportsKeyType(KeyType.P256));
        Assert.False(suite.SupportsKeyType(KeyType.Ed25519));
    }
}
