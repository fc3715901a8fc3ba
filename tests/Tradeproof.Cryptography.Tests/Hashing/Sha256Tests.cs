using System.Security.Cryptography;
using Tradeproof.Cryptography.Hashing;

namespace Tradeproof.Cryptography.Tests.Hashing;

public sealed class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Fips_180_vectors(string message, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Sha256.Hash(System.Text.Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void One_million_a()
    {
        var input = new byte[1_000_000];
        input.AsSpan().Fill((byte)'a');
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(Sha256.Hash(input)));
    }

    [Fact]
    public void Equals_dotnets_sha256_at_every_length_to_300_and_around_blocks_and_the_short_input_limit()
    {
        var random = new Random(256);
        var lengths = Enumerable.Range(0, 301)
            .Concat([511, 512, 513, 1023, 1024, 1025, 4095, 4096, 7485, 45037, 100_000])
            .Concat(Enumerable.Range(Sha256.ShortInput - 65, 130));
        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[40];
        foreach (var length in lengths)
        {
            var input = new byte[length];
            random.NextBytes(input);
            SHA256.HashData(input, expected);
            actual.Fill(0xEE);
            Sha256.Hash(input, actual);
            Assert.True(expected.SequenceEqual(actual[..32]), $"length {length}");
            Assert.True(actual[32..].IndexOfAnyExcept((byte)0xEE) < 0, "wrote past the digest");
        }
    }

    [Fact]
    public void A_slice_of_a_larger_buffer_hashes_only_its_bytes()
    {
        var buffer = System.Text.Encoding.ASCII.GetBytes("xxabcxx");
        Assert.Equal(SHA256.HashData("abc"u8), Sha256.Hash(buffer.AsSpan(2, 3)));
    }

    [Fact]
    public void Threads_hash_at_once_without_sharing_state()
    {
        var inputs = Enumerable.Range(0, 64).Select(i => Enumerable.Range(0, 50 + (i * 211)).Select(b => (byte)(b * i)).ToArray()).ToArray();
        var expected = inputs.Select(SHA256.HashData).ToArray();
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var k = i % inputs.Length;
            Assert.Equal(expected[k], Sha256.Hash(inputs[k]));
        });
    }

    [Fact]
    public void A_short_destination_is_refused()
    {
        var destination = new byte[31];
        Assert.Throws<ArgumentException>(() => Sha256.Hash("abc"u8, destination));
    }

    [Fact]
    public void OpenSsl_is_used_on_linux()
    {
        // libcrypto.so.3 is on the machine image (.NET loads it); its SHA256_* functions passed the self-test.
        Assert.Equal(OperatingSystem.IsLinux(), Sha256.UsesOpenSsl);
    }
}
