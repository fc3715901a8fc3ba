using Tradeproof.Cryptography.Encoding;
using Tradeproof.Testing;

namespace Tradeproof.Cryptography.Tests.Encoding;

/// <summary>
/// Every published Data Integrity signature vector (vc-di-eddsa, vc-di-ecdsa: sigBTC58*.txt beside sigHex*.txt):
/// the base58btc proofValue decodes to the signature bytes, and the bytes encode back to it.
/// </summary>
public sealed class ProofValueVectorTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var root = Conformance.PathOf("di-vectors");
        foreach (var file in Directory.GetFiles(root, "sigBTC58*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Fact]
    public void There_are_signature_vectors() => Assert.True(Files().Count >= 10);

    [Theory]
    [MemberData(nameof(Files))]
    public void ProofValue_is_the_signature_in_base58btc(string file)
    {
        var path = Conformance.PathOf(["di-vectors", .. file.Split('/')]);
        var proofValue = File.ReadAllText(path).Trim();
        var hexPath = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileName(path).Replace("sigBTC58", "sigHex", StringComparison.Ordinal));
        var signature = Convert.FromHexString(File.ReadAllText(hexPath).Trim());

        Assert.Equal(signature, Multibase.Decode(proofValue, MultibaseEncoding.Base58Btc));
        Assert.Equal(proofValue, Multibase.Encode(MultibaseEncoding.Base58Btc, signature));
    }
}
