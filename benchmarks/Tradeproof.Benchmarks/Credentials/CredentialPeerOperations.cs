using System.Text.Json.Nodes;
using Tradeproof.Benchmarks.Peers;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Cryptography;

namespace Tradeproof.Benchmarks.Credentials;

// The .NET side of the Digital Bazaar comparison (benchmarks/peers/ops/credentials.mjs, compare-credentials.sh): the
// same work on the same input, one thread:
// - issue: data-model check of the credential text and a Data Integrity proof (proof `created` fixed), each time;
// - verify: the signed text (signed once by this side, outside the timing, with its own key) is checked against the
//   data model and every proof is verified (did:key resolved locally), and the issuer must be the controller of the
//   proof's key (as @digitalbazaar/vc's issuance purpose requires), each time;
// - ecdsa-sd-2023: issue = base proof (issuer and subject id mandatory), derive = disclosure of three claims,
//   verify = the derived credential;
// - floor: the bare signature verification of 64 bytes, what verify costs at least.
// The input's `issuer` (string or object id) is replaced by the key's did:key.

/// <summary>What a credential peer operation times.</summary>
internal enum CredentialStep
{
    /// <summary>Data-model check and add a proof.</summary>
    Issue,

    /// <summary>Data-model check, verify every proof, issuer bound to the key.</summary>
    Verify,

    /// <summary>ecdsa-sd-2023: derive a disclosure from a base proof.</summary>
    Derive,
}

/// <summary>One securing mechanism and step on the credential in the input file.</summary>
internal abstract class CredentialPeerOperation(string name, string mechanism, KeyType keyType, CredentialStep step) : IPeerOperation
{
    private static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private static readonly string[] MandatoryPointers = ["/issuer", "/credentialSubject/id"];
    private static readonly string[] SelectivePointers = ["/credentialSubject/heatNumber", "/credentialSubject/countryOfMelt", "/credentialSubject/product/grade"];
    private static readonly ProofVerificationOptions VerifyOptions = new() { Resolver = DidVerificationMethodResolver.Local };

    public string Name => name;

    public string Implementation => "Tradeproof";

    public Action Prepare(string inputPath)
    {
        var key = KeyPair.Generate(keyType);
        var did = "did:key:" + key.PublicKey.ToMultibase();
        var unsigned = Unsigned(inputPath, did);
        var engine = mechanism == EcdsaSd2023Cryptosuite.SuiteName
            ? new DataIntegrityEngine(new DataIntegrityEngineOptions { Registry = new CryptosuiteRegistry().Add(new EcdsaSd2023Cryptosuite(MandatoryPointers)) })
            : new DataIntegrityEngine();
        var options = new ProofOptions { Cryptosuite = mechanism, VerificationMethod = did + "#" + key.PublicKey.ToMultibase(), Created = Created };
        var signed = engine.AddProof(unsigned, options, key);
        switch (step)
        {
            case CredentialStep.Issue:
                return () =>
                {
                    if (!VerifiableCredential.TryParse(unsigned, null, out _, out _))
                    {
                        throw new InvalidOperationException("not a credential");
                    }

                    engine.AddProof(unsigned, options, key);
                };
            case CredentialStep.Derive:
                MustVerify(engine, EcdsaSd2023.Derive(signed, SelectivePointers));
                return () => EcdsaSd2023.Derive(signed, SelectivePointers);
            default:
                var verified = mechanism == EcdsaSd2023Cryptosuite.SuiteName ? EcdsaSd2023.Derive(signed, SelectivePointers) : signed;
                MustVerify(engine, verified);
                return () => MustVerify(engine, verified);
        }
    }

    /// <summary>Data model, every proof, issuer = controller of each proof's key; throws when anything fails.</summary>
    private static void MustVerify(DataIntegrityEngine engine, byte[] signed)
    {
        if (!VerifiableCredential.TryParse(signed, null, out var credential, out var problems))
        {
            throw new InvalidOperationException("not a credential: " + string.Join("; ", problems));
        }

        var result = engine.VerifyAsync(signed, VerifyOptions).AsTask().GetAwaiter().GetResult();
        if (!result.Verified)
        {
            throw new InvalidOperationException("does not verify: " + string.Join("; ", result.Problems.Concat(result.Proofs.SelectMany(p => p.Problems))));
        }

        foreach (var proof in result.Proofs)
        {
            if (!string.Equals(proof.VerificationMethod?.Controller, credential!.Issuer, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the issuer is not the controller of the proof's key");
            }
        }
    }

    private byte[] Unsigned(string inputPath, string did)
    {
        var credential = JsonNode.Parse(File.ReadAllBytes(inputPath))!.AsObject();
        if (credential["issuer"] is JsonObject issuer)
        {
            issuer["id"] = did;
        }
        else
        {
            credential["issuer"] = did;
        }

        if (mechanism == "Ed25519Signature2020")
        {
            credential["@context"]!.AsArray().Add("https://w3id.org/security/suites/ed25519-2020/v1");
        }

        return System.Text.Encoding.UTF8.GetBytes(credential.ToJsonString());
    }
}

/// <summary>The bare signature verification of 64 bytes (the floor of verify).</summary>
internal abstract class SignatureFloorPeerOperation(string name, KeyType keyType) : IPeerOperation
{
    public string Name => name;

    public string Implementation => "Tradeproof";

    public Action Prepare(string inputPath)
    {
        var key = KeyPair.Generate(keyType);
        var data = new byte[64];
        Array.Fill(data, (byte)7);
        var signature = key.Sign(data);
        return () =>
        {
            if (!key.PublicKey.Verify(data, signature))
            {
                throw new InvalidOperationException("floor verify failed");
            }
        };
    }
}

internal sealed class EddsaRdfc2022IssuePeerOperation() : CredentialPeerOperation("vc-eddsa-rdfc-2022-issue", "eddsa-rdfc-2022", KeyType.Ed25519, CredentialStep.Issue);

internal sealed class EddsaRdfc2022VerifyPeerOperation() : CredentialPeerOperation("vc-eddsa-rdfc-2022-verify", "eddsa-rdfc-2022", KeyType.Ed25519, CredentialStep.Verify);

internal sealed class EddsaJcs2022IssuePeerOperation() : CredentialPeerOperation("vc-eddsa-jcs-2022-issue", "eddsa-jcs-2022", KeyType.Ed25519, CredentialStep.Issue);

internal sealed class EddsaJcs2022VerifyPeerOperation() : CredentialPeerOperation("vc-eddsa-jcs-2022-verify", "eddsa-jcs-2022", KeyType.Ed25519, CredentialStep.Verify);

internal sealed class EcdsaRdfc2019P256IssuePeerOperation() : CredentialPeerOperation("vc-ecdsa-rdfc-2019-p256-issue", "ecdsa-rdfc-2019", KeyType.P256, CredentialStep.Issue);

internal sealed class EcdsaRdfc2019P256VerifyPeerOperation() : CredentialPeerOperation("vc-ecdsa-rdfc-2019-p256-verify", "ecdsa-rdfc-2019", KeyType.P256, CredentialStep.Verify);

internal sealed class EcdsaRdfc2019P384IssuePeerOperation() : CredentialPeerOperation("vc-ecdsa-rdfc-2019-p384-issue", "ecdsa-rdfc-2019", KeyType.P384, CredentialStep.Issue);

internal sealed class EcdsaRdfc2019P384VerifyPeerOperation() : CredentialPeerOperation("vc-ecdsa-rdfc-2019-p384-verify", "ecdsa-rdfc-2019", KeyType.P384, CredentialStep.Verify);

internal sealed class EcdsaJcs2019P256IssuePeerOperation() : CredentialPeerOperation("vc-ecdsa-jcs-2019-p256-issue", "ecdsa-jcs-2019", KeyType.P256, CredentialStep.Issue);

internal sealed class EcdsaJcs2019P256VerifyPeerOperation() : CredentialPeerOperation("vc-ecdsa-jcs-2019-p256-verify", "ecdsa-jcs-2019", KeyType.P256, CredentialStep.Verify);

internal sealed class EcdsaSd2023IssuePeerOperation() : CredentialPeerOperation("vc-ecdsa-sd-2023-issue", EcdsaSd2023Cryptosuite.SuiteName, KeyType.P256, CredentialStep.Issue);

internal sealed class EcdsaSd2023DerivePeerOperation() : CredentialPeerOperation("vc-ecdsa-sd-2023-derive", EcdsaSd2023Cryptosuite.SuiteName, KeyType.P256, CredentialStep.Derive);

internal sealed class EcdsaSd2023VerifyPeerOperation() : CredentialPeerOperation("vc-ecdsa-sd-2023-verify", EcdsaSd2023Cryptosuite.SuiteName, KeyType.P256, CredentialStep.Verify);

internal sealed class Ed25519Signature2020IssuePeerOperation() : CredentialPeerOperation("vc-ed25519signature2020-issue", "Ed25519Signature2020", KeyType.Ed25519, CredentialStep.Issue);

internal sealed class Ed25519Signature2020VerifyPeerOperation() : CredentialPeerOperation("vc-ed25519signature2020-verify", "Ed25519Signature2020", KeyType.Ed25519, CredentialStep.Verify);

internal sealed class Ed25519FloorPeerOperation() : SignatureFloorPeerOperation("floor-ed25519-verify", KeyType.Ed25519);

internal sealed class P256FloorPeerOperation() : SignatureFloorPeerOperation("floor-p256-verify", KeyType.P256);

internal sealed class P384FloorPeerOperation() : SignatureFloorPeerOperation("floor-p384-verify", KeyType.P384);
