using System.Text.Json;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// A holder's public key named by the issuer (SD-JWT <c>cnf.jwk</c>): a did:key or did:jwk DID, or a file holding
/// <c>publicKeyJwk</c> or <c>publicKeyMultibase</c> (a key file, or the output of <c>tradeproof key show</c>). Only the
/// public half is ever used.
/// </summary>
internal static class HolderKeys
{
    public static PublicKey Read(string value, CliConsole console)
    {
        if (value.StartsWith("did:key:", StringComparison.Ordinal))
        {
            var multibase = value["did:key:".Length..];
            return PublicKey.FromMultibase(multibase.Split('#')[0]);
        }

        if (value.StartsWith("did:jwk:", StringComparison.Ordinal))
        {
            var encoded = value["did:jwk:".Length..].Split('#')[0];
            var jwk = Base64UrlStrict.TryDecode(encoded) ?? throw new CliInputException($"{value} is not a did:jwk (its identifier is not base64url)");
            return PublicKey.FromJwk(Jwk.FromJson(StrictJson.ParseElement(jwk)));
        }

        var root = StrictJson.ParseElement(CliInput.ReadAllBytes(value, console));
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("publicKeyJwk", out var publicJwk))
        {
            return PublicKey.FromJwk(Jwk.FromJson(publicJwk));
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("publicKeyMultibase", out var multibaseKey) && multibaseKey.ValueKind == JsonValueKind.String)
        {
            return PublicKey.FromMultibase(multibaseKey.GetString()!);
        }

        throw new CliInputException($"{CliInput.Describe(value)} holds no publicKeyJwk or publicKeyMultibase");
    }
}
