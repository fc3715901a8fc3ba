using Tradeproof.Credentials.Cbor;

namespace Tradeproof.Credentials.Tests.EcdsaSd;

/// <summary>Behaviour: the deterministic CBOR subset (RFC 8949 §4.2.1 encoding, strict decoding, limits).</summary>
public sealed class CborTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(23UL, "17")]
    [InlineData(24UL, "1818")]
    [InlineData(255UL, "18ff")]
    [InlineData(256UL, "190100")]
    [InlineData(65536UL, "1a00010000")]
    [InlineData(4294967296UL, "1b0000000100000000")]
    public void Unsigned_integers_use_the_shortest_argument(ulong value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(CborWriter.Encode(new CborUnsigned(value))));
        Assert.Equal(new CborUnsigned(value), CborReader.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Strings_arrays_and_tags_round_trip()
    {
        var value = new CborTag(23808, new CborArray([new CborBytes([1, 2, 3]), new CborText("/issuer"), new CborArray([])]));
        var encoded = CborWriter.Encode(value);

        // RFC 8949 Appendix A style: d9 5d00 (tag 23808) 83 (array of 3) 43 010203 67 "/issuer" 80.
        Assert.Equal("d95d008343010203672f69737375657280", Convert.ToHexStringLower(encoded));
        Assert.Equal(value, CborReader.Decode(encoded));
    }

    [Fact]
    public void Map_keys_are_sorted_by_their_encoding()
    {
        var map = new CborMap(
        [
            new(new CborUnsigned(24), new CborBytes([2])),
            new(new CborUnsigned(1), new CborBytes([1])),
        ]);

        // Key 1 (0x01) sorts before key 24 (0x18 0x18).
        Assert.Equal("a2014101181841" + "02", Convert.ToHexStringLower(CborWriter.Encode(map)));
    }

    [Fact]
    public void Duplicate_map_keys_are_refused_when_writing() =>
        Assert.Throws<ArgumentException>(() => CborWriter.Encode(new CborMap([new(new CborUnsigned(1), new CborUnsigned(1)), new(new CborUnsigned(1), new CborUnsigned(2))])));

    [Theory]
    [InlineData("1817", "not shortest (24-bit form of 23)")]
    [InlineData("190017", "not shortest (16-bit)")]
    [InlineData("5f4101ff", "indefinite byte string")]
    [InlineData("9f01ff", "indefinite array")]
    [InlineData("a2020101 01", "unsorted map keys")]
    [InlineData("a201010101", "duplicate map keys")]
    [InlineData("0001", "trailing bytes")]
    [InlineData("43 0102", "truncated string")]
    [InlineData("20", "negative integer (unsupported)")]
    [InlineData("f5", "simple value (unsupported)")]
    [InlineData("fb3ff0000000000000", "float (unsupported)")]
    [InlineData("62c328", "invalid UTF-8 text")]
    [InlineData("1c", "reserved additional information")]
    [InlineData("", "empty input")]
    [InlineData("1b00000001", "truncated argument")]
    public void Malformed_or_non_deterministic_input_is_refused(string hex, string why)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var e = Assert.Throws<CborException>(() => CborReader.Decode(bytes));
        Assert.False(string.IsNullOrEmpty(e.Message), why);
    }

    [Fact]
    public void Limits_bound_depth_items_and_string_length()
    {
        var limits = new CborLimits { MaxDepth = 2, MaxItems = 3, MaxStringLength = 4 };
        Assert.Throws<CborException>(() => CborReader.Decode(Convert.FromHexString("81818100"), limits));
        Assert.Throws<CborException>(() => CborReader.Decode(Convert.FromHexString("8400000000"), limits));
        Assert.Throws<CborException>(() => CborReader.Decode(Convert.FromHexString("450102030405"), limits));

        // A huge declared length fails on the limit before any allocation.
        Assert.Throws<CborException>(() => CborReader.Decode(Convert.FromHexString("9b7fffffffffffffff")));
        Assert.Equal(new CborArray([new CborArray([new CborUnsigned(0)])]), CborReader.Decode(Convert.FromHexString("818100"), limits));
    }
}
