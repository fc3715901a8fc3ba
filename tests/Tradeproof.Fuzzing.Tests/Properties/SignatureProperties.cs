using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;
using Tradeproof.Fuzz.Targets;

namespace Tradeproof.Fuzzing.Tests.Properties;

/// <summary>
/// Sign/verify round trips for every Data Integrity cryptosuite and key type and for VC-JOSE over random credential
/// subjects; any single changed value of a signed credential (subject, issuer, dates, proof options, proof value) and any
/// changed character of a VC-JWT fails verification as a result, never an exception.
/// </summary>
public sealed class SignatureProperties
{
    private static readonly DataIntegrityEngine Engine = new(new DataIntegrityEngineOptions { TimeProvider = new FixedTime(ParserTargets.Now) });

    private static readonly ProofVerificationOptions VerifyOptions = new() { Resolver = DidVerificationMethodResolver.Local };

    public static TheoryData<string, KeyType> SuitesAndKeys() => new()
    {
        { "eddsa-rdfc-2022", KeyType.Ed25519 },
        { "eddsa-jcs-2022", KeyType.Ed25519 },
        { "ecdsa-rdfc-2019", KeyType.P256 },
        { "ecdsa-rdfc-2019", KeyType.P384 },
        { "ecdsa-jcs-2019", KeyType.P256 },
        { "ecdsa-jcs-2019", KeyType.P384 },
        { "Ed25519Signature2018", KeyType.Ed25519 },
        { "Ed25519Signature2020", KeyType.Ed25519 },
        { "JsonWebSignature2020", KeyType.Ed25519 },
        { "JsonWebSignature2020", KeyType.P256 },
        { "JsonWebSignature2020", KeyType.Secp256k1 },
    };

    /// <summary>Subject claims: names the credentials v2 context defines (name, description) with random values.</summary>
    private static readonly Gen<(string Name, string Description, int Pick, int Edit)> ClaimsGen =
        from name in Gen.Elements("Steel coil", "Caf\u00e9 beans", "", "\"quoted\" \\ name", "\U0001F600", "a\nb")
        from size in Gen.Choose(0, 40)
        from chars in Gen.ArrayOf(Gen.Elements('a', 'Z', '9', ' ', '\u00e9', '-', '"'), size)
        from pick in Gen.Choose(0, 10_000)
        from edit in Gen.Choose(0, 10_000)
        select (name, new string(chars), pick, edit);

    private static byte[] Credential(string issuer, string name, string description, string suite)
    {
        var node = JsonNode.Parse(ParserTargets.Credential(issuer))!.AsObject();
        node["credentialSubject"]!["name"] = name;
        node["credentialSubject"]!["description"] = description;
        var extra = suite switch
        {
            "Ed25519Signature2018" => "https://w3id.org/security/suites/ed25519-2018/v1",
            "Ed25519Signature2020" => "https://w3id.org/security/suites/ed25519-2020/v1",
            "JsonWebSignature2020" => "https://w3id.org/security/suites/jws-2020/v1",
            _ => null,
        };
        if (extra is not null)
        {
            node["@context"]!.AsArray().Add(extra);
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>Every string, number and boolean in the document, by path.</summary>
    private static List<JsonValue> Leaves(JsonNode node)
    {
        var leaves = new List<JsonValue>();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var p in o)
                    {
                        Walk(p.Value);
                    }

                    break;
                case JsonArray a:
                    foreach (var i in a)
                    {
                        Walk(i);
                    }

                    break;
                case JsonValue v:
                    leaves.Add(v);
                    break;
            }
        }

        Walk(node);
        return leaves;
    }

    /// <summary>Changes one leaf value: one character of a string changed (or appended to an empty one), a number
    /// incremented, a boolean negated.</summary>
    private static void Change(JsonValue leaf, int edit)
    {
        var parent = leaf.Parent!;
        JsonNode replacement;
        if (leaf.TryGetValue<string>(out var text))
        {
            var chars = text.ToCharArray();
            if (chars.Length == 0)
            {
                replacement = JsonValue.Create("x");
            }
            else
            {
                var at = edit % chars.Length;
                chars[at] = chars[at] == 'A' ? 'B' : 'A';
                replacement = JsonValue.Create(new string(chars));
            }
        }
        else if (leaf.TryGetValue<bool>(out var flag))
        {
            replacement = JsonValue.Create(!flag);
        }
        else
        {
            replacement = JsonValue.Create(leaf.GetValue<double>() + 1);
        }

        if (parent is JsonObject o)
        {
            o[leaf.GetPropertyName()] = replacement;
        }
        else
        {
            ((JsonArray)parent)[leaf.GetElementIndex()] = replacement;
        }
    }

    [Theory]
    [MemberData(nameof(SuitesAndKeys))]
    public void A_signed_credential_verifies_and_any_changed_value_fails(string suite, KeyType keyType)
    {
        using var key = ParserTargets.Key(keyType, 9);
        var issuer = "did:key:" + key.PublicKey.ToMultibase();
        PropertyRuns.Check(Prop.ForAll(ClaimsGen.ToArbitrary(), c =>
        {
            var signed = Engine.AddProof(Credential(issuer, c.Name, c.Description, suite), new ProofOptions { Cryptosuite = suite, VerificationMethod = ParserTargets.MethodOf(key) }, key);
            var good = Verify(signed);
            Assert.True(good.Verified, string.Join("; ", good.Problems));

            var document = JsonNode.Parse(signed)!;
            var leaves = Leaves(document);
            var leaf = leaves[c.Pick % leaves.Count];
            var path = leaf.GetPath();
            Change(leaf, c.Edit);
            var changed = Verify(Encoding.UTF8.GetBytes(document.ToJsonString()));
            Assert.False(changed.Verified, $"{suite}: changing {path} did not fail verification");
            Assert.NotEmpty(changed.Problems);
        }), maxTest: keyType is KeyType.P384 or KeyType.Secp256k1 ? 15 : 30);
    }

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.P256)]
    [InlineData(KeyType.P384)]
    [InlineData(KeyType.Secp256k1)]
    public void A_vc_jwt_verifies_and_any_changed_character_fails(KeyType keyType)
    {
        using var key = ParserTargets.Key(keyType, 13);
        var issuer = "did:key:" + key.PublicKey.ToMultibase();
        var options = new JoseVerificationOptions { Resolver = DidVerificationMethodResolver.Local, TimeProvider = new FixedTime(ParserTargets.Now) };
        PropertyRuns.Check(Prop.ForAll(ClaimsGen.ToArbitrary(), c =>
        {
            var jwt = VcJose.IssueCredential(Credential(issuer, c.Name, c.Description, "vc-jose"), key, ParserTargets.MethodOf(key));
            var good = VcJose.VerifyCredentialAsync(jwt, options).AsTask().GetAwaiter().GetResult();
            Assert.True(good.Verified, string.Join("; ", good.Problems));

            // One character changed to another base64url character (or a separator moved), anywhere in the token.
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            var chars = jwt.ToCharArray();
            var at = c.Pick % chars.Length;
            var replacement = alphabet[c.Edit % alphabet.Length];
            chars[at] = replacement == chars[at] ? alphabet[(c.Edit + 1) % alphabet.Length] : replacement;
            var changed = VcJose.VerifyCredentialAsync(new string(chars), options).AsTask().GetAwaiter().GetResult();
            Assert.False(changed.Verified, $"changing character {at} of the VC-JWT did not fail verification");
            Assert.NotEmpty(changed.Problems);
        }), maxTest: keyType is KeyType.P384 or KeyType.Secp256k1 ? 20 : 50);
    }

    private static DataIntegrityVerificationResult Verify(byte[] document) =>
        Engine.VerifyAsync(document, VerifyOptions).AsTask().GetAwaiter().GetResult();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
