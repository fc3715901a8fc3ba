using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// The securing mechanisms the node offers and which of a tenant's keys signs: the Data Integrity cryptosuites
/// (eddsa-rdfc-2022 by default, eddsa-jcs-2022, ecdsa-rdfc-2019 and ecdsa-jcs-2019 with P-256 or P-384, ecdsa-sd-2023
/// with P-256) and VC-JOSE (<c>vc+jwt</c>/<c>vp+jwt</c>: ES256 by default, also EdDSA and ES384).
/// </summary>
internal static class TenantSigning
{
    /// <summary>The name the options use for VC-JOSE.</summary>
    public const string Jose = "vc+jwt";

    /// <summary>The Data Integrity cryptosuites offered, in the order the problems list them.</summary>
    public static IReadOnlyList<string> Cryptosuites { get; } = ["eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019", "ecdsa-sd-2023"];

    private static readonly CryptosuiteRegistry Registry = CryptosuiteRegistry.CreateDefault();

    /// <summary>Whether <paramref name="mechanism"/> (a cryptosuite or <see cref="Jose"/>) signs with <paramref name="type"/>.</summary>
    public static bool Fits(string mechanism, KeyType type) =>
        mechanism == Jose ? JwsAlgorithms.For(type) is not null : Registry.TryGet(mechanism, out var suite) && suite.SupportsKeyType(type);

    /// <summary>
    /// The key that signs: <paramref name="verificationMethod"/> when given (it must be the tenant's and fit), else the
    /// first key of the identity <paramref name="issuerDid"/> (default: the tenant's did:web) that fits, preferring
    /// P-256 over P-384 (ES256 is the traceability profile's algorithm) and Ed25519 for the eddsa suites.
    /// </summary>
    /// <exception cref="ApiProblemException">400 or 422 when no key fits.</exception>
    public static async ValueTask<TenantKey> ChooseAsync(IStoreRepositories store, string tenantId, string tenantDid, string mechanism, string? issuerDid, string? verificationMethod, CancellationToken cancellationToken)
    {
        var keys = await TenantKeys.ListAsync(store, tenantId, cancellationToken).ConfigureAwait(false);
        if (issuerDid is not null && !keys.Any(k => k.Did == issuerDid))
        {
            throw new ApiProblemException(ApiProblem.Unprocessable("The issuer is not this organisation.", $"The issuer must be one of this organisation's identities: {string.Join(", ", keys.Select(k => k.Did).Distinct())} (or absent: {tenantDid} is filled in)."));
        }

        if (verificationMethod is not null)
        {
            var chosen = keys.FirstOrDefault(k => k.KeyId == verificationMethod)
                ?? throw new ApiProblemException(ApiProblem.BadRequest($"options.verificationMethod '{verificationMethod}' is not a key of this organisation."));
            if (issuerDid is not null && chosen.Did != issuerDid)
            {
                throw new ApiProblemException(ApiProblem.Unprocessable("The key is not the issuer's.", $"{verificationMethod} belongs to {chosen.Did}, not to the issuer {issuerDid}."));
            }

            return Fits(mechanism, chosen.Type)
                ? chosen
                : throw new ApiProblemException(ApiProblem.BadRequest($"{mechanism} cannot sign with {verificationMethod} (a {TenantKeys.AlgorithmName(chosen.Type)} key)."));
        }

        var did = issuerDid ?? tenantDid;
        return keys.Where(k => k.Did == did && Fits(mechanism, k.Type)).OrderBy(k => Preference(k.Type)).FirstOrDefault()
            ?? throw new ApiProblemException(ApiProblem.BadRequest($"The identity {did} has no key {mechanism} can sign with; add one with 'tradeproof tenant key add'."));
    }

    private static int Preference(KeyType type) => type switch
    {
        KeyType.P256 => 0,
        KeyType.Ed25519 => 1,
        _ => 2,
    };
}
