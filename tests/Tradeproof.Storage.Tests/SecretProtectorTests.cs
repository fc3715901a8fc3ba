namespace Tradeproof.Storage.Tests;

/// <summary>AES-256-GCM sealing of secrets (NIST SP 800-38D) and the operator key's configuration form.</summary>
public sealed class SecretProtectorTests
{
    private static readonly OperatorKey Key = new(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void A_sealed_secret_opens_only_for_its_own_row()
    {
        var protector = new SecretProtector(Key, new CountingRandomSource());
        var secret = "ed25519 secret seed, 32 bytes!!"u8.ToArray();
        var sealedSecret = protector.Protect(secret, "tenant-a", "key-1");
        Assert.Equal(1 + 12 + 16 + secret.Length, sealedSecret.Length);
        Assert.Equal(1, sealedSecret[0]);
        Assert.Equal(secret, protector.Unprotect(sealedSecret, "tenant-a", "key-1"));
        Assert.Equal(StoreErrorKind.Corrupt, Assert.Throws<StoreException>(() => protector.Unprotect(sealedSecret, "tenant-b", "key-1")).Kind);
        Assert.Equal(StoreErrorKind.Corrupt, Assert.Throws<StoreException>(() => protector.Unprotect(sealedSecret, "tenant-a", "key-2")).Kind);
        // The length prefix keeps ("ab", "c") and ("a", "bc") apart.
        var split = protector.Protect(secret, "ab", "c");
        Assert.Throws<StoreException>(() => protector.Unprotect(split, "a", "bc"));
    }

    [Fact]
    public void Any_flipped_bit_is_detected()
    {
        var protector = new SecretProtector(Key, new CountingRandomSource());
        var sealedSecret = protector.Protect(new byte[32], "t", "k");
        for (var i = 0; i < sealedSecret.Length * 8; i += 7)
        {
            var tampered = (byte[])sealedSecret.Clone();
            tampered[i / 8] ^= (byte)(1 << (i % 8));
            Assert.Equal(StoreErrorKind.Corrupt, Assert.Throws<StoreException>(() => protector.Unprotect(tampered, "t", "k")).Kind);
        }

        Assert.Throws<StoreException>(() => protector.Unprotect(sealedSecret.AsSpan(0, 20), "t", "k"));
    }

    [Fact]
    public void Nonces_come_from_the_injected_random_source()
    {
        var a = new SecretProtector(Key, new CountingRandomSource(42));
        var b = new SecretProtector(Key, new CountingRandomSource(42));
        var first = a.Protect(new byte[16], "t", "k");
        Assert.Equal(first, b.Protect(new byte[16], "t", "k"));
        var second = a.Protect(new byte[16], "t", "k");
        Assert.NotEqual(first.AsSpan(1, 12).ToArray(), second.AsSpan(1, 12).ToArray());
    }

    [Fact]
    public void The_operator_key_is_32_bytes_of_base64()
    {
        var base64 = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        var fromStandard = OperatorKey.FromBase64(base64);
        var fromUrl = OperatorKey.FromBase64(base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        var protector = new SecretProtector(fromStandard, new CountingRandomSource());
        Assert.Equal(new byte[8], new SecretProtector(fromUrl, new CountingRandomSource()).Unprotect(protector.Protect(new byte[8], "t", "k"), "t", "k"));
        Assert.Throws<ArgumentException>(() => OperatorKey.FromBase64(Convert.ToBase64String(new byte[16])));
        Assert.Throws<ArgumentException>(() => OperatorKey.FromBase64("not base64 at all!"));
        Assert.ThrowsAny<ArgumentException>(() => OperatorKey.FromBase64(" "));
    }

    [Fact]
    public void Client_secrets_have_256_bits_and_verify_only_themselves()
    {
        var random = new CountingRandomSource(9);
        var secret = ClientSecrets.Generate(random);
        Assert.Equal(43, secret.Length);
        Assert.NotEqual(secret, ClientSecrets.Generate(random));
        var hash = ClientSecrets.Hash(secret);
        Assert.Equal(32, hash.Length);
        Assert.True(ClientSecrets.Verify(secret, hash));
        Assert.False(ClientSecrets.Verify(secret[..^1], hash));
        Assert.False(ClientSecrets.Verify(secret, hash.AsSpan(0, 31)));
    }
}
