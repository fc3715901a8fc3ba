using Tradeproof.Cryptography;
using Tradeproof.Dids;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// Who signs: a key file's key, the verification method URL that names it in proofs and JWT <c>kid</c>s, and the
/// DID controlling that method (the credential's <c>issuer</c> or the presentation's <c>holder</c>).
/// </summary>
/// <param name="VerificationMethod">The DID URL of the key (e.g. <c>did:key:z6Mk...#z6Mk...</c>).</param>
/// <param name="Did">The DID before the fragment.</param>
internal sealed record SigningIdentity(string VerificationMethod, string Did)
{
    /// <summary>
    /// The identity of <paramref name="key"/>: its did:key by default; <paramref name="verificationMethod"/> as given;
    /// or for <paramref name="did"/>, the method of that DID naming this key (did:key <c>#multibase</c>, did:jwk
    /// <c>#0</c>, any other method <c>#key-1</c>, the first key of <c>tradeproof did create web</c>). A did:key or
    /// did:jwk that is not this key's is refused: the proof would never verify.
    /// </summary>
    public static SigningIdentity For(PublicKey key, string? verificationMethod, string? did)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (verificationMethod is not null && did is not null)
        {
            throw new CliInputException("give a verification method or a DID (--did, --holder), not both");
        }

        if (verificationMethod is not null)
        {
            var hash = verificationMethod.IndexOf('#', StringComparison.Ordinal);
            if (hash <= 0 || hash == verificationMethod.Length - 1 || !Dids.Did.TryParse(verificationMethod[..hash], out var controller))
            {
                throw new CliInputException($"--verification-method '{verificationMethod}' is not a DID URL with a fragment (did:...#...)");
            }

            CheckSelfCertifying(controller, key);
            return new SigningIdentity(verificationMethod, controller.ToString());
        }

        if (did is not null)
        {
            if (!Dids.Did.TryParse(did, out var parsed) || did.Contains('#', StringComparison.Ordinal))
            {
                throw new CliInputException($"--did '{did}' is not a DID");
            }

            CheckSelfCertifying(parsed, key);
            var fragment = parsed.Method switch
            {
                "key" => key.ToMultibase(),
                "jwk" => "0",
                _ => "key-1",
            };
            return new SigningIdentity(did + "#" + fragment, did);
        }

        var didKey = DidKey.Create(key).ToString();
        return new SigningIdentity(didKey + "#" + key.ToMultibase(), didKey);
    }

    // did:key and did:jwk carry their key: one that is not the signing key cannot verify anything it signs.
    private static void CheckSelfCertifying(Dids.Did did, PublicKey key)
    {
        var own = did.Method switch
        {
            "key" => DidKey.Create(key),
            "jwk" => DidJwk.Create(key),
            _ => null,
        };
        if (own is not null && !own.Equals(did))
        {
            throw new CliInputException($"{did} is not the DID of the key file's key ({own})");
        }
    }
}
