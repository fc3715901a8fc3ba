using Tradeproof.Cryptography.Ecdsa;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography;

/// <summary>JWK (RFC 7517/7518/8037/8812) to and from our key types.</summary>
internal static class JwkConversion
{
    public static KeyType TypeOf(Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        return (jwk.Kty, jwk.Crv) switch
        {
            ("OKP", "Ed25519") => KeyType.Ed25519,
            ("OKP", "X25519") => KeyType.X25519,
            ("EC", "P-256") => KeyType.P256,
            ("EC", "P-384") => KeyType.P384,
            ("EC", "P-521") => KeyType.P521,
            ("EC", "secp256k1") => KeyType.Secp256k1,
            _ => throw new KeyFormatException(KeyFormatException.UnsupportedPublicKeyType, $"Unsupported JWK kty '{jwk.Kty}' with crv '{jwk.Crv}'."),
        };
    }

    public static PublicKey ToPublicKey(Jwk jwk)
    {
        var type = TypeOf(jwk);
        var x = Base64UrlStrict.TryDecode(jwk.X) ?? throw new KeyFormatException("JWK 'x' must be unpadded base64url.");
        if (type is KeyType.Ed25519 or KeyType.X25519)
        {
            if (jwk.Y is not null)
            {
                throw new KeyFormatException("An OKP JWK has no 'y'.");
            }

            return PublicKey.FromBytes(type, x);
        }

        var y = Base64UrlStrict.TryDecode(jwk.Y) ?? throw new KeyFormatException("JWK 'y' must be unpadded base64url.");
        return PublicKey.FromCoordinates(type, x, y);
    }

    public static Jwk FromPublicKey(PublicKey key)
    {
        switch (key.Type)
        {
            case KeyType.Ed25519:
            case KeyType.X25519:
                return new Jwk { Kty = "OKP", Crv = key.Type == KeyType.Ed25519 ? "Ed25519" : "X25519", X = Base64UrlStrict.Encode(key.Bytes) };
            default:
                var curve = EcCurve.For(key.Type);
                return new Jwk
                {
                    Kty = "EC",
                    Crv = curve.JwkName,
                    X = Base64UrlStrict.Encode(curve.ToField(key.X)),
                    Y = Base64UrlStrict.Encode(curve.ToField(key.Y)),
                };
        }
    }
}
