using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// The securing mechanisms <c>issue</c>, <c>present</c> and <c>status publish</c> offer: the Data Integrity
/// cryptosuites by their <c>cryptosuite</c> name (or proof type), plus <c>jwt</c> (VC-JOSE-COSE) and <c>sd-jwt</c>
/// (SD-JWT VC), and which key types each can sign with.
/// </summary>
internal static class SecuringSuites
{
    /// <summary>VC-JOSE-COSE: a compact JWS (<c>vc+jwt</c>, <c>vp+jwt</c>).</summary>
    public const string Jwt = "jwt";

    /// <summary>SD-JWT VC (RFC 9901, <c>dc+sd-jwt</c>).</summary>
    public const string SdJwt = "sd-jwt";

    /// <summary>The Data Integrity suites a credential can be issued with.</summary>
    public static IReadOnlyList<string> DataIntegrity { get; } =
        ["eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019", "ecdsa-sd-2023", "Ed25519Signature2020"];

    /// <summary>Every name <c>issue --suite</c> accepts.</summary>
    public static IReadOnlyList<string> ForIssue { get; } = [.. DataIntegrity, Jwt, SdJwt];

    private static readonly CryptosuiteRegistry Registry = CryptosuiteRegistry.CreateDefault();

    /// <summary>The suite used when none is named: eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 for P-256 and P-384.</summary>
    /// <param name="keyType">The signing key's type.</param>
    /// <param name="otherwise">What to do instead when no suite fits, for the error message (e.g. "use --suite jwt").</param>
    public static string DefaultFor(KeyType keyType, string otherwise) => keyType switch
    {
        KeyType.Ed25519 => "eddsa-rdfc-2022",
        KeyType.P256 or KeyType.P384 => "ecdsa-rdfc-2019",
        _ => throw new CliInputException($"no Data Integrity suite signs with a {Describe(keyType)} key: {otherwise}"),
    };

    /// <summary>Refuses a suite that cannot sign with <paramref name="keyType"/>, naming the key types it needs.</summary>
    public static void CheckKey(string suite, KeyType keyType)
    {
        var fits = KeyTypesOf(suite);
        if (!fits.Contains(keyType))
        {
            throw new CliInputException($"the suite {suite} signs with {string.Join(" or ", fits.Select(Describe))} keys, but the key file's key is {Describe(keyType)}");
        }
    }

    /// <summary>The key types <paramref name="suite"/> signs with.</summary>
    public static IReadOnlyList<KeyType> KeyTypesOf(string suite) => suite switch
    {
        Jwt or SdJwt => [.. Enum.GetValues<KeyType>().Where(t => JwsAlgorithms.For(t) is not null)],
        _ when Registry.TryGet(suite, out var s) => [.. Enum.GetValues<KeyType>().Where(s.SupportsKeyType)],
        _ => throw new CliInputException($"unknown suite '{suite}'"),
    };

    /// <summary>How a key type is spelled in messages and in <c>key generate --type</c>.</summary>
    public static string Describe(KeyType keyType) => keyType switch
    {
        KeyType.Ed25519 => "Ed25519",
        KeyType.P256 => "P-256",
        KeyType.P384 => "P-384",
        KeyType.P521 => "P-521",
        KeyType.Secp256k1 => "secp256k1",
        KeyType.X25519 => "X25519",
        _ => keyType.ToString(),
    };
}
