using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;

namespace Tradeproof.Customs.Registry;

/// <summary>A registry document whose signature was checked: the registry, or why it is not acceptable.</summary>
public sealed record SignedRegistryCheck(TrustRegistry? Registry, IReadOnlyList<string> Problems)
{
    /// <summary>True when the proof verified and the signer is the registry's authority.</summary>
    public bool Verified => Registry is not null && Problems.Count == 0;
}

/// <summary>
/// Signs and checks trust registry documents: a Data Integrity proof (<c>eddsa-jcs-2022</c> by default: the document
/// is plain JSON, no JSON-LD context) made with the customs authority's key, purpose <c>assertionMethod</c>. A
/// registry is accepted only when the proof verifies and its verification method belongs to the registry's
/// <see cref="TrustRegistry.Authority"/>.
/// </summary>
public sealed class TrustRegistrySigner(DataIntegrityEngine engine)
{
    /// <summary>The default cryptosuite.</summary>
    public const string DefaultCryptosuite = "eddsa-jcs-2022";

    /// <summary>Signs the registry with the authority's key (the method must be a DID URL of the authority).</summary>
    public byte[] Sign(TrustRegistry registry, KeyPair key, string verificationMethod, string cryptosuite = DefaultCryptosuite)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(verificationMethod);
        if (!verificationMethod.StartsWith(registry.Authority + "#", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The method {verificationMethod} is not one of the authority {registry.Authority}'s.", nameof(verificationMethod));
        }

        return engine.AddProof(registry.ToJson(), new ProofOptions { Cryptosuite = cryptosuite, VerificationMethod = verificationMethod }, key);
    }

    /// <summary>Parses a signed registry and checks its proof and signer. Never throws on bad input.</summary>
    public async ValueTask<SignedRegistryCheck> VerifyAsync(ReadOnlyMemory<byte> signed, IVerificationMethodResolver resolver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        TrustRegistry registry;
        try
        {
            registry = TrustRegistry.Parse(signed.Span);
        }
        catch (TrustRegistryException e)
        {
            return new SignedRegistryCheck(null, [e.Message]);
        }

        var result = await engine.VerifyAsync(signed, new ProofVerificationOptions { Resolver = resolver }, cancellationToken).ConfigureAwait(false);
        var problems = result.Problems.Concat(result.Proofs.SelectMany(p => p.Problems)).Select(p => p.Detail is null ? p.Title : $"{p.Title}: {p.Detail}").Distinct().ToList();
        if (result.Verified && result.Proofs.Any(p => p.VerificationMethod?.Controller != registry.Authority))
        {
            problems.Add($"The registry is signed by someone other than its authority {registry.Authority}.");
        }

        if (!result.Verified && problems.Count == 0)
        {
            problems.Add("The registry carries no valid proof.");
        }

        return new SignedRegistryCheck(problems.Count == 0 ? registry : null, problems);
    }
}
