using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography.Tests.Encoding;

/// <summary>Unsigned varints (multiformats/unsigned-varint) and multicodec prefixes.</summary>
public sealed class MulticodecTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(255UL, "ff01")]
    [InlineData(300UL, "ac02")]
    [InlineData(16384UL, "808001")]
    [InlineData(0xedUL, "ed01")]
    [InlineData(0x1200UL, "8024")]
    [InlineData(0x1307UL, "8726")]
    [InlineData(0x7FFFFFFFFFFFFFFFUL, "ffffffffffffffff7f")]
    public void Varints_encode_and_decode(ulong value, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(bytes, Varint.Encode(value));
        Assert.Equal(bytes.Length, Varint.GetLength(value));
        Assert.Equal(value, Varint.Read([.. bytes, 0xAA], out var read));
        Assert.Equal(bytes.Length, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")]
    [InlineData("ffff")]
    [InlineData("8000")]
    [InlineData("ed8000")]
    [InlineData("8080808080808080808001")]
    [InlineData("ffffffffffffffffff01")]
    [InlineData("808080808080808080")]
    public void Truncated_overlong_and_non_minimal_varints_are_refused(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.False(Varint.TryRead(bytes, out _, out _));
        Assert.Throws<MulticodecException>(() => Varint.Read(bytes, out _));
    }

    [Fact]
    public void Values_beyond_63_bits_are_misuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Varint.Encode(ulong.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => Varint.GetLength(1UL << 63));
    }

    [Fact]
    public void Random_values_round_trip()
    {
        var random = new Random(3);
        Span<byte> buffer = stackalloc byte[Varint.MaxLength];
        for (var i = 0; i < 10_000; i++)
        {
            var value = (ulong)random.NextInt64() >> random.Next(63);
            var length = Varint.Write(value, buffer);
            Assert.True(Varint.TryRead(buffer[..length], out var read, out var consumed));
            Assert.Equal(value, read);
            Assert.Equal(length, consumed);
        }
    }

    [Fact]
    public void Every_known_code_has_its_table_name()
    {
        var table = File.ReadAllLines(Tradeproof.Testing.Conformance.PathOf("multibase", "multicodec-table.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(cells => cells[0].Trim(), cells => Convert.ToUInt64(cells[2].Trim(), 16));
        Assert.Equal(13, Multicodec.Known.Count);
        foreach (var (code, name) in Multicodec.Known)
        {
            Assert.Equal(table[name], (ulong)code);
            Assert.True(Multicodec.TryParseName(name, out var parsed));
            Assert.Equal(code, parsed);
            Assert.Equal(name, Multicodec.Name(code));
        }
    }

    [Fact]
    public void Prefix_and_strip_round_trip()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var prefixed = Multicodec.Prefix(MulticodecCode.P256Pub, key);
        Assert.Equal(new byte[] { 0x80, 0x24 }, prefixed[..2]);
        Assert.Equal(key, Multicodec.Strip(prefixed, MulticodecCode.P256Pub).ToArray());
        var (code, data) = Multicodec.Split(prefixed);
        Assert.Equal(MulticodecCode.P256Pub, code);
        Assert.Equal(key, data);
    }

    [Fact]
    public void Strip_refuses_another_code()
    {
        var prefixed = Multicodec.Prefix(MulticodecCode.Ed25519Pub, new byte[32]);
        var e = Assert.Throws<MulticodecException>(() => Multicodec.Strip(prefixed, MulticodecCode.X25519Pub).ToArray());
        Assert.Contains("ed25519-pub", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_codes_strip_but_have_no_name()
    {
        var rest = Multicodec.Strip(new byte[] { 0x55, 1, 2 }, out var code);
        Assert.Equal(0x55UL, (ulong)code);
        Assert.Equal(2, rest.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => Multicodec.Name(code));
    }
}
