using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Tests.EcdsaSd;

/// <summary>One ecdsa-sd-2023 vector set of w3c/vc-di-ecdsa (TestVectors/ecdsa-sd-2023/prc or employ).</summary>
internal sealed class SdVectors
{
    private static readonly DataIntegrityEngine Engine = new();

    private DisclosureData? _disclosure;

    public SdVectors(string name)
    {
        Name = name;
        var prefix = name == "prc" ? "prCred" : "employ";
        // prCredUnsigned.json is stale (its description differs from every prc vector); the prc vectors were made
        // from the signed base document without its proof, so that is the input here.
        Unsigned = name == "prc" ? WithoutProof(Bytes("addSignedSDBase.json")) : File.ReadAllBytes(Path.Combine(Root, "employmentAuth.json"));
        MandatoryPointers = Strings(Path.Combine(Root, prefix + "Mandatory.json"));
        SelectivePointers = Strings(Path.Combine(Root, prefix + "Selective.json"));
        var keys = JsonNode.Parse(File.ReadAllBytes(Path.Combine(Root, "ecdsa-sd-2023", "SDKeyMaterial.json")))!;
        IssuerKey = KeyPair.FromSecretMultibase(keys["baseKeyPair"]!["secretKeyMultibase"]!.GetValue<string>());
        ProofKey = KeyPair.FromSecretMultibase(keys["proofKeyPair"]!["secretKeyMultibase"]!.GetValue<string>());
        HmacKey = Convert.FromHexString(keys["hmacKeyString"]!.GetValue<string>());
    }

    private static byte[] WithoutProof(byte[] signed)
    {
        var node = JsonNode.Parse(signed)!.AsObject();
        node.Remove("proof");
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static string Root => Tradeproof.Testing.Conformance.PathOf("di-vectors", "vc-di-ecdsa", "TestVectors");

    public string Name { get; }

    public byte[] Unsigned { get; }

    public JsonObject UnsignedObject => JsonNode.Parse(Unsigned)!.AsObject();

    public string[] MandatoryPointers { get; }

    public string[] SelectivePointers { get; }

    public KeyPair IssuerKey { get; }

    public KeyPair ProofKey { get; }

    public byte[] HmacKey { get; }

    public string SignedBaseProofValue => Json("addSignedSDBase.json")["proof"]!["proofValue"]!.GetValue<string>();

    public byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Root, "ecdsa-sd-2023", Name, file));

    public string Text(string file) => File.ReadAllText(Path.Combine(Root, "ecdsa-sd-2023", Name, file));

    public JsonNode Json(string file) => JsonNode.Parse(Bytes(file))!;

    public string[] Strings(string file) =>
        [.. JsonNode.Parse(File.ReadAllBytes(file.Contains('/', StringComparison.Ordinal) ? file : Path.Combine(Root, "ecdsa-sd-2023", Name, file)))!.AsArray().Select(s => s!.GetValue<string>())];

    /// <summary>createDisclosureData over the published signed base document and the set's selective pointers.</summary>
    public DisclosureData Disclosure()
    {
        if (_disclosure is null)
        {
            var (unsecured, _, value) = EcdsaSd2023.SplitBase(Bytes("addSignedSDBase.json"));
            _disclosure = DerivedProof.CreateDisclosureData(unsecured, value, SelectivePointers, ProofTransforms.Default);
        }

        return _disclosure;
    }

    /// <summary>The published derived document split into the unsecured document, proof configuration and proof value.</summary>
    public (byte[] Unsecured, byte[] Config, string ProofValue) DerivedParts()
    {
        var document = Json("derivedRevealDocument.json").AsObject();
        var proof = document["proof"]!.AsObject();
        document.Remove("proof");
        var proofValue = proof["proofValue"]!.GetValue<string>();
        proof.Remove("proofValue");
        proof["@context"] = document["@context"]!.DeepClone();
        return (Encoding.UTF8.GetBytes(document.ToJsonString()), Encoding.UTF8.GetBytes(proof.ToJsonString()), proofValue);
    }

    /// <summary>A vector "Map" ({dataType: Map, value: [[index, quad], ...]}) as a sorted dictionary.</summary>
    public static SortedDictionary<int, string> Map(JsonNode map)
    {
        var result = new SortedDictionary<int, string>();
        foreach (var entry in map["value"]!.AsArray())
        {
            result[entry![0]!.GetValue<int>()] = entry[1]!.GetValue<string>();
        }

        return result;
    }

    public static int[] Ints(JsonNode array) => [.. array.AsArray().Select(i => i!.GetValue<int>())];

    public static DataIntegrityVerificationResult Verify(byte[] document) =>
        Engine.VerifyAsync(document, new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local }).AsTask().GetAwaiter().GetResult();

    public static ProofOptions OptionsFrom(byte[] proofConfig)
    {
        using var doc = JsonDocument.Parse(proofConfig);
        var root = doc.RootElement;
        return new ProofOptions
        {
            Cryptosuite = root.GetProperty("cryptosuite").GetString()!,
            VerificationMethod = root.GetProperty("verificationMethod").GetString()!,
            ProofPurpose = root.GetProperty("proofPurpose").GetString()!,
            Created = DateTimeOffset.Parse(root.GetProperty("created").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>A random source that hands out fixed bytes in order (to reproduce vectors), then fails.</summary>
internal sealed class SequenceRandomSource(byte[] bytes) : IRandomSource
{
    private int _position;

    public void Fill(Span<byte> destination)
    {
        if (_position + destination.Length > bytes.Length)
        {
            throw new InvalidOperationException("The sequence random source is exhausted.");
        }

        bytes.AsSpan(_position, destination.Length).CopyTo(destination);
        _position += destination.Length;
    }
}
