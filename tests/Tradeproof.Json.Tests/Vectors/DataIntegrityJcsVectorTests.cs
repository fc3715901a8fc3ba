using System.Security.Cryptography;
using Tradeproof.Testing;

namespace Tradeproof.Json.Tests.Vectors;

/// <summary>
/// The JCS vectors of the W3C Data Integrity cryptosuites (vc-di-eddsa eddsa-jcs-2022, vc-di-ecdsa
/// ecdsa-jcs-2019 P-256 and P-384): the unsigned credential and the proof configuration canonicalize to the
/// published canonical forms, whose hashes are the published hashes.
/// </summary>
public sealed class DataIntegrityJcsVectorTests
{
    public static TheoryData<string, string, string> Sets() => new()
    {
        { "vc-di-eddsa/TestVectors/eddsa-jcs-2022", "JCS", "SHA256" },
        { "vc-di-ecdsa/TestVectors/ecdsa-jcs-2019-p256", "JCSECDSAP256", "SHA256" },
        { "vc-di-ecdsa/TestVectors/ecdsa-jcs-2019-p384", "JCSECDSAP384", "SHA384" },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Document_and_proof_configuration_canonicalize_to_the_published_forms(string folder, string suffix, string hash)
    {
        var directory = Conformance.PathOf(["di-vectors", .. folder.Split('/')]);
        var unsigned = File.ReadAllBytes(Path.Combine(directory, "..", "unsigned.json"));
        var proofConfig = File.ReadAllBytes(Path.Combine(directory, $"proofConfig{suffix}.json"));

        var canonicalDocument = Jcs.Canonicalize(unsigned);
        var canonicalProof = Jcs.Canonicalize(proofConfig);

        Assert.Equal(File.ReadAllText(Path.Combine(directory, $"canonDoc{suffix}.txt")).TrimEnd('\n'), System.Text.Encoding.UTF8.GetString(canonicalDocument));
        Assert.Equal(File.ReadAllText(Path.Combine(directory, $"proofCanon{suffix}.txt")).TrimEnd('\n'), System.Text.Encoding.UTF8.GetString(canonicalProof));
        Func<byte[], byte[]> digest = hash == "SHA384" ? SHA384.HashData : SHA256.HashData;
        Assert.Equal(File.ReadAllText(Path.Combine(directory, $"docHash{suffix}.txt")).Trim(), Convert.ToHexStringLower(digest(canonicalDocument)));
        Assert.Equal(File.ReadAllText(Path.Combine(directory, $"proofHash{suffix}.txt")).Trim(), Convert.ToHexStringLower(digest(canonicalProof)));
    }
}
