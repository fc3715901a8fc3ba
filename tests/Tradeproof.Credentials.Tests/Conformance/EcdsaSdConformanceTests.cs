using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Credentials.Tests.EcdsaSd;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Credentials.Tests.Conformance;

/// <summary>
/// The ecdsa-sd-2023 test vectors of w3c/vc-di-ecdsa (TestVectors/ecdsa-sd-2023, sets prc and employ): every
/// intermediate value of base proof creation, disclosure and verification is reproduced from the unsigned
/// credential, the pointers, the HMAC key and the proof key; ECDSA signatures are randomized, so published
/// signatures are verified and ours are checked by verification; the derived proof value (no randomness) is
/// reproduced byte for byte.
/// </summary>
public sealed class EcdsaSdConformanceTests
{
    private static readonly SkipList Skips = SkipList.Load(
        Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.Credentials.Tests", "Conformance", "ecdsa-sd.skip"));

    private static readonly string[] SetNames = ["prc", "employ"];

    private static readonly string[] Checks =
    [
        "base-canonical-document", "base-hmac-canonical-document", "base-transform", "pointer-values",
        "proof-config-canonical", "base-hashes", "base-raw-signatures", "base-proof-value-components",
        "base-proof-reproduced", "base-verify", "derived-group-data", "derived-group-indexes",
        "derived-mandatory-indexes", "derived-signatures", "derived-disclosure-data", "derived-reveal-document",
        "derived-proof-value", "verify-nquads", "verify-data", "verify-derived", "verify-derived-tampered",
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var set in SetNames)
        {
            foreach (var check in Checks)
            {
                data.Add(set + "#" + check);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => Skips.Run(id, () => Check(id));

    private static void Check(string id)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        var set = new SdVectors(id[..hash]);
        var transforms = ProofTransforms.Default;
        switch (id[(hash + 1)..])
        {
            case "base-canonical-document":
            {
                var canonical = Encoding.UTF8.GetString(transforms.CanonicalizeRdf(set.Unsigned, Rdf.Canonicalization.RdfcHashAlgorithm.Sha256).Span);
                Assert.Equal(string.Concat(set.Strings("addBaseDocCanon.json")), canonical);
                break;
            }

            case "base-hmac-canonical-document":
            {
                var result = CanonicalizeAndGroup.Run(set.UnsignedObject, LabelReplacementCanonicalizeNQuads.CreateHmacIdLabelMapFunction(set.HmacKey), new Dictionary<string, IReadOnlyList<string>>(), transforms);
                Assert.Equal(set.Strings("addBaseDocHMACCanon.json"), result.NQuads);
                break;
            }

            case "base-transform":
            {
                var transformed = BaseProof.Transform(set.UnsignedObject, set.MandatoryPointers, set.HmacKey, transforms);
                var expected = set.Json("addBaseTransform.json");
                Assert.Equal(set.MandatoryPointers, expected["mandatoryPointers"]!.AsArray().Select(p => p!.GetValue<string>()));
                Assert.Equal(SdVectors.Map(expected["mandatory"]!), transformed.Mandatory);
                Assert.Equal(SdVectors.Map(expected["nonMandatory"]!), transformed.NonMandatory);
                Assert.Equal(set.HmacKey, Convert.FromHexString(expected["hmacKeyString"]!.GetValue<string>()));
                break;
            }

            case "pointer-values":
            {
                foreach (var entry in set.Json("addPointerValues.json").AsArray())
                {
                    var pointer = entry!["pointer"]!.GetValue<string>();
                    JsonNode? value = set.UnsignedObject;
                    foreach (var path in JsonPointerToPaths.Parse(pointer))
                    {
                        value = value is JsonArray a ? a[int.Parse(path, System.Globalization.CultureInfo.InvariantCulture)] : value![path];
                    }

                    Assert.True(JsonNode.DeepEquals(entry["value"], value), pointer);
                }

                break;
            }

            case "proof-config-canonical":
            {
                var canonical = BaseProof.CanonicalProofConfig(set.Bytes("addProofConfig.json"), transforms);
                Assert.Equal(set.Text("addProofConfigCanon.txt"), Encoding.UTF8.GetString(canonical.Span));
                break;
            }

            case "base-hashes":
            {
                var transformed = BaseProof.Transform(set.UnsignedObject, set.MandatoryPointers, set.HmacKey, transforms);
                var hashes = BaseProof.Hash(BaseProof.CanonicalProofConfig(set.Bytes("addProofConfig.json"), transforms).Span, transformed);
                var expected = set.Json("addHashData.json");
                Assert.Equal(expected["proofHash"]!.GetValue<string>(), Convert.ToHexStringLower(hashes.ProofHash));
                Assert.Equal(expected["mandatoryHash"]!.GetValue<string>(), Convert.ToHexStringLower(hashes.MandatoryHash));
                break;
            }

            case "base-raw-signatures":
            {
                // The published base signature and per-quad signatures verify over our transformation and hashes.
                var transformed = BaseProof.Transform(set.UnsignedObject, set.MandatoryPointers, set.HmacKey, transforms);
                var hashes = BaseProof.Hash(BaseProof.CanonicalProofConfig(set.Bytes("addProofConfig.json"), transforms).Span, transformed);
                var info = set.Json("addRawBaseSignatureInfo.json");
                Assert.Equal(set.ProofKey.PublicKey.ToMultibase(), info["publicKey"]!.GetValue<string>());
                var publicKey = Multicodec.Prefix(MulticodecCode.P256Pub, set.ProofKey.PublicKey.Bytes);
                var signatures = info["signatures"]!.AsArray().Select(s => Convert.FromHexString(s!.GetValue<string>())).ToList();
                Assert.Equal(transformed.NonMandatory.Count, signatures.Count);
                Assert.Null(VerifyDerivedProof.CheckSignatures(hashes.ProofHash, publicKey, hashes.MandatoryHash, Convert.FromHexString(info["baseSignature"]!.GetValue<string>()), signatures, [.. transformed.NonMandatory.Values], set.IssuerKey.PublicKey));
                break;
            }

            case "base-proof-value-components":
            {
                // Parse the published base proof value: its components are the published raw values; CBOR round trip is exact.
                var proofValue = set.SignedBaseProofValue;
                var parsed = ProofValueSerialization.ParseBase(proofValue);
                var info = set.Json("addRawBaseSignatureInfo.json");
                Assert.Equal(info["baseSignature"]!.GetValue<string>(), Convert.ToHexStringLower(parsed.BaseSignature));
                Assert.Equal(info["publicKey"]!.GetValue<string>(), Multibase.Encode(MultibaseEncoding.Base58Btc, parsed.PublicKey));
                Assert.Equal(set.HmacKey, parsed.HmacKey);
                Assert.Equal(info["signatures"]!.AsArray().Select(s => s!.GetValue<string>()), parsed.Signatures.Select(Convert.ToHexStringLower));
                Assert.Equal(set.MandatoryPointers, parsed.MandatoryPointers);
                Assert.Equal(proofValue, ProofValueSerialization.SerializeBase(parsed));
                break;
            }

            case "base-proof-reproduced":
            {
                // Issue through the engine with the vectors' HMAC key and proof key as the injected randomness.
                var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions
                {
                    Registry = new CryptosuiteRegistry().Add(new EcdsaSd2023Cryptosuite(set.MandatoryPointers)),
                    Random = new SequenceRandomSource([.. set.HmacKey, .. set.ProofKey.ExportSecretBytes()]),
                });
                var signed = engine.AddProof(set.Unsigned, SdVectors.OptionsFrom(set.Bytes("addProofConfig.json")), set.IssuerKey);
                var ours = JsonNode.Parse(signed)!.AsObject();
                var published = set.Json("addSignedSDBase.json").AsObject();
                var ourValue = ProofValueSerialization.ParseBase(ours["proof"]!["proofValue"]!.GetValue<string>());
                var theirValue = ProofValueSerialization.ParseBase(set.SignedBaseProofValue);
                Assert.Equal(theirValue.PublicKey, ourValue.PublicKey);
                Assert.Equal(theirValue.HmacKey, ourValue.HmacKey);
                Assert.Equal(theirValue.MandatoryPointers, ourValue.MandatoryPointers);
                Assert.Equal(theirValue.Signatures.Count, ourValue.Signatures.Count);
                ours["proof"]!.AsObject().Remove("proofValue");
                published["proof"]!.AsObject().Remove("proofValue");
                Assert.True(JsonNode.DeepEquals(published, ours), ours.ToJsonString());
                Assert.Null(EcdsaSd2023.VerifyBaseProof(signed, set.IssuerKey.PublicKey));
                break;
            }

            case "base-verify":
                Assert.Null(EcdsaSd2023.VerifyBaseProof(set.Bytes("addSignedSDBase.json"), set.IssuerKey.PublicKey));
                break;
            case "derived-group-data":
            {
                var disclosure = set.Disclosure();
                var expected = set.Json("derivedAllGroupData.json");
                foreach (var name in new[] { "mandatory", "selective", "combined" })
                {
                    var group = disclosure.Grouping.Groups[name];
                    Assert.Equal(SdVectors.Map(expected["groups"]![name]!["matching"]!), group.Matching);
                    Assert.Equal(SdVectors.Map(expected["groups"]![name]!["nonMatching"]!), group.NonMatching);
                    Assert.Equal(expected["groups"]![name]!["deskolemizedNQuads"]!.AsArray().Count, group.DeskolemizedNQuads.Count);
                }

                Assert.Equal(expected["nquads"]!.AsArray().Select(q => q!.GetValue<string>()), disclosure.Grouping.NQuads);
                Assert.Equal(
                    expected["labelMap"]!["value"]!.AsArray().Select(e => e![1]!.GetValue<string>()).Order(StringComparer.Ordinal),
                    disclosure.Grouping.LabelMap.Values.Order(StringComparer.Ordinal));
                break;
            }

            case "derived-group-indexes":
            {
                var groups = set.Disclosure().Grouping.Groups;
                var expected = set.Json("derivedGroupIndexes.json");
                Assert.Equal(SdVectors.Ints(expected["combinedIndexes"]!), groups["combined"].Matching.Keys);
                Assert.Equal(SdVectors.Ints(expected["mandatoryIndexes"]!), groups["mandatory"].Matching.Keys);
                Assert.Equal(SdVectors.Ints(expected["nonMandatoryIndexes"]!), groups["mandatory"].NonMatching.Keys);
                Assert.Equal(SdVectors.Ints(expected["selectiveIndexes"]!), groups["selective"].Matching.Keys);
                break;
            }

            case "derived-mandatory-indexes":
                Assert.Equal(SdVectors.Ints(set.Json("derivedAdjMandatoryIndexes.json")["adjMandatoryIndexes"]!), set.Disclosure().MandatoryIndexes);
                break;
            case "derived-signatures":
                Assert.Equal(
                    set.Json("derivedAdjSignatures.json")["filteredSignatures"]!.AsArray().Select(s => s!.GetValue<string>()),
                    set.Disclosure().Signatures.Select(Convert.ToHexStringLower));
                break;
            case "derived-disclosure-data":
            {
                var disclosure = set.Disclosure();
                var expected = set.Json("derivedDisclosureData.json");
                Assert.Equal(expected["baseSignature"]!.GetValue<string>(), Convert.ToHexStringLower(disclosure.BaseSignature));
                Assert.Equal(expected["publicKey"]!.GetValue<string>(), Multibase.Encode(MultibaseEncoding.Base58Btc, disclosure.PublicKey));
                Assert.Equal(expected["signatures"]!.AsArray().Select(s => s!.GetValue<string>()), disclosure.Signatures.Select(Convert.ToHexStringLower));
                Assert.Equal(SdVectors.Ints(expected["mandatoryIndexes"]!), disclosure.MandatoryIndexes);
                var labelMap = expected["labelMap"]!["value"]!.AsArray().ToDictionary(e => e![0]!.GetValue<string>(), e => e![1]!.GetValue<string>());
                Assert.Equal(labelMap.OrderBy(e => e.Key, StringComparer.Ordinal), disclosure.LabelMap.OrderBy(e => e.Key, StringComparer.Ordinal));
                break;
            }

            case "derived-reveal-document":
                Assert.True(JsonNode.DeepEquals(set.Json("derivedUnsignedReveal.json"), set.Disclosure().RevealDocument), set.Disclosure().RevealDocument.ToJsonString());
                break;
            case "derived-proof-value":
            {
                // Deriving has no randomness: the derived document and proof value are reproduced exactly.
                var derived = JsonNode.Parse(EcdsaSd2023.Derive(set.Bytes("addSignedSDBase.json"), set.SelectivePointers))!;
                var expected = set.Json("derivedRevealDocument.json");
                Assert.Equal(expected["proof"]!["proofValue"]!.GetValue<string>(), derived["proof"]!["proofValue"]!.GetValue<string>());
                Assert.True(JsonNode.DeepEquals(expected, derived), derived.ToJsonString());
                break;
            }

            case "verify-nquads":
            {
                var (unsecured, config, proofValue) = set.DerivedParts();
                var data = VerifyDerivedProof.CreateVerifyData(unsecured, config, proofValue, transforms);
                Assert.Equal(set.Strings("verifyNQuads.json"), data.NQuads);
                var parsed = ProofValueSerialization.ParseDerived(proofValue);
                var expected = set.Json("verifyDerivedProofValue.json");
                Assert.Equal(expected["labelMap"]!.AsArray().ToDictionary(e => e![0]!.GetValue<string>(), e => e![1]!.GetValue<string>()).OrderBy(e => e.Key, StringComparer.Ordinal), parsed.LabelMap.OrderBy(e => e.Key, StringComparer.Ordinal));
                Assert.Equal(SdVectors.Ints(expected["mandatoryIndexes"]!), parsed.MandatoryIndexes);
                Assert.Equal(proofValue, ProofValueSerialization.SerializeDerived(parsed));
                break;
            }

            case "verify-data":
            {
                var (unsecured, config, proofValue) = set.DerivedParts();
                var data = VerifyDerivedProof.CreateVerifyData(unsecured, config, proofValue, transforms);
                var expected = set.Json("verifyCreateVerifyData.json");
                Assert.Equal(expected["baseSignature"]!.GetValue<string>(), Convert.ToHexStringLower(data.BaseSignature));
                Assert.Equal(expected["proofHash"]!.GetValue<string>(), Convert.ToHexStringLower(data.ProofHash));
                Assert.Equal(expected["mandatoryHash"]!.GetValue<string>(), Convert.ToHexStringLower(data.MandatoryHash));
                Assert.Equal(expected["publicKey"]!.GetValue<string>(), Multibase.Encode(MultibaseEncoding.Base58Btc, data.PublicKey));
                Assert.Equal(expected["signatures"]!.AsArray().Select(s => s!.GetValue<string>()), data.Signatures.Select(Convert.ToHexStringLower));
                Assert.Equal(expected["nonMandatory"]!.AsArray().Select(s => s!.GetValue<string>()), data.NonMandatory);
                break;
            }

            case "verify-derived":
            {
                var result = SdVectors.Verify(set.Bytes("derivedRevealDocument.json"));
                Assert.True(result.Verified, string.Join("; ", result.Problems));
                break;
            }

            case "verify-derived-tampered":
            {
                var document = set.Json("derivedRevealDocument.json");
                document["validUntil"] = "2099-12-16T23:59:59Z";
                var result = SdVectors.Verify(Encoding.UTF8.GetBytes(document.ToJsonString()));
                Assert.False(result.Verified);
                Assert.Contains(result.Problems, p => p.Type == ProblemTypes.ProofVerificationError);
                break;
            }

            default:
                throw new InvalidOperationException("Unknown case " + id);
        }
    }
}
