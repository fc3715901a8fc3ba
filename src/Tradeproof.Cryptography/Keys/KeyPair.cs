using System.Security.Cryptography;
using Tradeproof.Cryptography.Ecdsa;
using Tradeproof.Cryptography.Ed25519;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography;

/// <summary>
/// A signing key pair: Ed25519 (secret = the 32-byte RFC 8032 seed) or ECDSA (secret = the
/// scalar d, big-endian, curve field size). The secret never appears in <see cref="ToString"/>
/// or in exception messages; it is wiped on <see cref="Dispose"/>.
/// </summary>
public sealed class KeyPair : IDisposable
{
    private readonly byte[] _secret;
    private readonly Lock _gate = new();
    private readonly IEd25519SigningState? _ed25519;
    private readonly ECDsa? _ecdsa;
    private bool _disposed;

    private KeyPair(KeyType type, byte[] secret, PublicKey publicKey, IEd25519SigningState? ed25519, ECDsa? ecdsa)
    {
        Type = type;
        _secret = secret;
        PublicKey = publicKey;
        _ed25519 = ed25519;
        _ecdsa = ecdsa;
    }

    /// <summary>The key type (never <see cref="KeyType.X25519"/>).</summary>
    public KeyType Type { get; }

    /// <summary>The public key.</summary>
    public PublicKey PublicKey { get; }

    /// <summary>Generates a key pair with <paramref name="random"/> (the system generator by default).</summary>
    public static KeyPair Generate(KeyType type, IRandomSource? random = null)
    {
        random ??= SystemRandomSource.Instance;
        if (type == KeyType.Ed25519)
        {
            Span<byte> seed = stackalloc byte[Ed25519Algorithm.SeedSize];
            random.Fill(seed);
            try
            {
                return FromSecretBytes(type, seed);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
            }
        }

        // ECDSA: rejection sampling of d in [1, n-1] (FIPS 186-5 A.4.2), the top bits of the
        // first byte masked to the bit length of n.
        var curve = EcCurve.For(type);
        var bits = (int)curve.N.GetBitLength();
        var candidate = new byte[curve.FieldSize];
        try
        {
            while (true)
            {
                random.Fill(candidate);
                var excess = (curve.FieldSize * 8) - bits;
                candidate[0] &= (byte)(0xff >> excess);
                var d = EcCurve.ToInteger(candidate);
                if (!d.IsZero && d < curve.N)
                {
                    return FromSecretBytes(type, candidate);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(candidate);
        }
    }

    /// <summary>A key pair from its secret: the Ed25519 seed (32 bytes) or the ECDSA scalar d.</summary>
    /// <exception cref="KeyFormatException">Wrong length, or d not in [1, n-1].</exception>
    public static KeyPair FromSecretBytes(KeyType type, ReadOnlySpan<byte> secret) => FromSecretBytes(type, secret, null);

    /// <summary>Decodes a Multikey <c>secretKeyMultibase</c> value.</summary>
    public static KeyPair FromSecretMultibase(string secretKeyMultibase)
    {
        var (type, secret) = Multikey.DecodeSecretKey(secretKeyMultibase);
        try
        {
            return FromSecretBytes(type, secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>A key pair from a private JWK; its public members must match <c>d</c>.</summary>
    /// <exception cref="KeyFormatException">No <c>d</c>, bad encodings, or a public part that does not match.</exception>
    public static KeyPair FromJwk(Jwk jwk)
    {
        var type = JwkConversion.TypeOf(jwk);
        var declared = JwkConversion.ToPublicKey(jwk);
        var d = Base64UrlStrict.TryDecode(jwk.D) ?? throw new KeyFormatException("A private JWK needs 'd' in unpadded base64url.");
        try
        {
            var pair = FromSecretBytes(type, d);
            if (!pair.PublicKey.Equals(declared))
            {
                pair.Dispose();
                throw new KeyFormatException("The JWK's public key does not match its private key.");
            }

            return pair;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    internal static KeyPair FromSecretBytes(KeyType type, ReadOnlySpan<byte> secret, IEd25519Provider? provider)
    {
        switch (type)
        {
            case KeyType.Ed25519:
            {
                if (secret.Length != Ed25519Algorithm.SeedSize)
                {
                    throw new KeyFormatException(KeyFormatException.InvalidPublicKeyLength, "An Ed25519 secret key (seed) has 32 bytes.");
                }

                provider ??= Ed25519Algorithm.Default;
                var publicKey = new byte[32];
                provider.DerivePublicKey(secret, publicKey);
                var state = provider.CreateSigningState(secret, publicKey);
                return new KeyPair(type, CopySecret(secret), PublicKey.FromTrustedEd25519(publicKey), state, null);
            }

            case KeyType.X25519:
                throw new KeyFormatException(KeyFormatException.UnsupportedPublicKeyType, "X25519 keys do not sign.");
            default:
            {
                var curve = EcCurve.For(type);
                if (secret.Length != curve.FieldSize)
                {
                    throw new KeyFormatException(KeyFormatException.InvalidPublicKeyLength, $"A {curve.JwkName} secret key has {curve.FieldSize} bytes.");
                }

                var d = EcCurve.ToInteger(secret);
                if (d.IsZero || d >= curve.N)
                {
                    throw new KeyFormatException(KeyFormatException.InvalidPublicKey, $"A {curve.JwkName} secret key must be in [1, n-1].");
                }

                var ecdsa = ECDsa.Create();
                try
                {
                    ecdsa.ImportParameters(new ECParameters { Curve = curve.Curve, D = secret.ToArray() });
                    var q = ecdsa.ExportParameters(false).Q;
                    var publicKey = PublicKey.FromTrustedEcdsa(type, q.X!, q.Y!);
                    return new KeyPair(type, CopySecret(secret), publicKey, null, ecdsa);
                }
                catch (CryptographicException)
                {
                    ecdsa.Dispose();
                    throw new KeyFormatException(KeyFormatException.InvalidPublicKey, $"The {curve.JwkName} secret key was refused.");
                }
            }
        }
    }

    /// <summary>
    /// Signs <paramref name="data"/>: Ed25519 (64 bytes) or ECDSA with the curve's hash in IEEE
    /// P1363 form r || s; with <see cref="SignatureOptions.RequireLowS"/> S is normalised to n - S
    /// when above n/2.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> data, SignatureOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ed25519 is not null)
        {
            var signature = new byte[Ed25519Algorithm.SignatureSize];
            _ed25519.Sign(data, signature);
            return signature;
        }

        var curve = EcCurve.For(Type);
        byte[] result;
        lock (_gate)
        {
            result = _ecdsa!.SignData(data, curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        if ((options ?? SignatureOptions.Default).RequireLowS)
        {
            var s = EcCurve.ToInteger(result.AsSpan(curve.FieldSize));
            if (s > curve.HalfN)
            {
                curve.ToField(curve.N - s).CopyTo(result, curve.FieldSize);
            }
        }

        return result;
    }

    /// <summary>A copy of the secret (seed or scalar). The caller owns and should wipe it.</summary>
    public byte[] ExportSecretBytes()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_secret.Clone();
    }

    /// <summary>The Multikey <c>secretKeyMultibase</c> (ed25519-priv, p256-priv, ... multicodec).</summary>
    public string ExportSecretMultibase()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Multikey.EncodeSecretKey(Type, _secret);
    }

    /// <summary>The private JWK (public members and <c>d</c>). Write it with <c>includePrivate: true</c>.</summary>
    public Jwk ExportPrivateJwk()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var publicJwk = PublicKey.ToJwk();
        return new Jwk { Kty = publicJwk.Kty, Crv = publicJwk.Crv, X = publicJwk.X, Y = publicJwk.Y, D = Base64UrlStrict.Encode(_secret) };
    }

    /// <summary>Type and public key only.</summary>
    public override string ToString() => $"KeyPair {{ {Type}, public {PublicKey.ToMultibase()} }}";

    /// <summary>Wipes the secret and frees native state.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_secret);
        _ed25519?.Dispose();
        _ecdsa?.Dispose();
    }

    private static byte[] CopySecret(ReadOnlySpan<byte> secret)
    {
        var copy = GC.AllocateArray<byte>(secret.Length, pinned: true);
        secret.CopyTo(copy);
        return copy;
    }
}
