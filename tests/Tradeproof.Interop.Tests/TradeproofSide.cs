using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;

namespace Tradeproof.Interop.Tests;

/// <summary>
/// Tradeproof's half of the interop tests: issues with <see cref="DataIntegrityEngine"/> (keys generated once per
/// key type, did:key verification methods) and verifies with <see cref="CredentialVerifier"/>, the verifier a
/// relying party uses (did:key resolved locally, nothing fetched).
/// </summary>
internal sealed class TradeproofSide : IDisposable
{
    private static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private readonly Dictionary<KeyType, KeyPair> _keys = [];
    private readonly DataIntegrityEngine _engine = new();
    private readonly CredentialVerifier _verifier = new();
    private readonly DataIntegrityEngine _sdEngine = new(new DataIntegrityEngineOptions
    {
        Registry = new CryptosuiteRegistry().Add(new EcdsaSd2023Cryptosuite(InteropDocuments.MandatoryPointers)),
    });

    /// <summary>The key type a mechanism name (with an optional <c>/P-384</c>) uses.</summary>
    public static KeyType KeyTypeOf(string keyType) => keyType switch
    {
        "Ed25519" => KeyType.Ed25519,
        "P-256" => KeyType.P256,
        "P-384" => KeyType.P384,
        _ => throw new ArgumentOutOfRangeException(nameof(keyType), keyType, "unknown key type"),
    };

    /// <summary>The key of a type (generated on first use).</summary>
    public KeyPair Key(KeyType type)
    {
        if (!_keys.TryGetValue(type, out var key))
        {
            key = KeyPair.Generate(type);
            _keys[type] = key;
        }

        return key;
    }

    /// <summary>The key's did:key.</summary>
    public string Did(KeyType type) => "did:key:" + Key(type).PublicKey.ToMultibase();

    /// <summary>The key's verification method (did:key with the multibase fragment).</summary>
    public string VerificationMethod(KeyType type) => Did(type) + "#" + Key(type).PublicKey.ToMultibase();

    /// <summary>Signs a credential (issuer set to the key's DID) with the mechanism.</summary>
    public byte[] Issue(JsonObject credential, string mechanism, KeyType keyType)
    {
        var unsigned = credential.DeepClone().AsObject();
        if (unsigned["issuer"] is JsonObject issuer)
        {
            issuer["id"] = Did(keyType);
        }
        else
        {
            unsigned["issuer"] = Did(keyType);
        }

        var engine = mechanism == EcdsaSd2023Cryptosuite.SuiteName ? _sdEngine : _engine;
        return engine.AddProof(
            Encoding.UTF8.GetBytes(unsigned.ToJsonString()),
            new ProofOptions { Cryptosuite = mechanism, VerificationMethod = VerificationMethod(keyType), Created = Created },
            Key(keyType));
    }

    /// <summary>Signs a presentation (holder set to the key's DID) for authentication with challenge and domain.</summary>
    public byte[] Present(JsonObject presentation, string mechanism, KeyType keyType, string challenge, string? domain)
    {
        var unsigned = presentation.DeepClone().AsObject();
        unsigned["holder"] = Did(keyType);
        return _engine.AddProof(
            Encoding.UTF8.GetBytes(unsigned.ToJsonString()),
            new ProofOptions
            {
                Cryptosuite = mechanism,
                VerificationMethod = VerificationMethod(keyType),
                ProofPurpose = ProofPurposes.Authentication,
                Challenge = challenge,
                Domain = domain is null ? null : [domain],
                Created = Created,
            },
            Key(keyType));
    }

    /// <summary>
    /// Verifies a credential with Tradeproof's verifier (<see cref="CredentialVerifier"/>: strict parse, data model,
    /// proof structure, validity, did:key resolution, issuer binding, transform and verify, status); returns the
    /// problems, empty when valid.
    /// </summary>
    public async Task<IReadOnlyList<Problem>> VerifyCredentialAsync(byte[] utf8) =>
        ProblemsOf(await _verifier.VerifyAsync(utf8));

    /// <summary>Verifies a presentation (expecting the challenge and domain) and every credential in it.</summary>
    public async Task<IReadOnlyList<Problem>> VerifyPresentationAsync(byte[] utf8, string challenge, string? domain) =>
        ProblemsOf(await _verifier.VerifyAsync(utf8, new VerificationRequest { Challenge = challenge, Domain = domain }));

    private static IReadOnlyList<Problem> ProblemsOf(VerificationResult result)
    {
        if (result.Verified)
        {
            return [];
        }

        var problems = result.Problems.ToList();
        if (problems.Count == 0)
        {
            var check = result.Checks.First(c => c.Outcome != CheckOutcome.Passed && c.Outcome != CheckOutcome.NotApplicable && c.Outcome != CheckOutcome.Skipped);
            problems.Add(new Problem(ProblemTypes.ProofVerificationError, $"{result.Outcome}: {check.Name}", check.Reason));
        }

        return problems;
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
