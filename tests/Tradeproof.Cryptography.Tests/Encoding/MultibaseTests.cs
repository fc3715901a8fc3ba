using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography.Tests.Encoding;

/// <summary>Our own multibase cases: round trips in every encoding, known values and the refusals.</summary>
public sealed class MultibaseTests
{
    public static TheoryData<MultibaseEncoding> AllEncodings()
    {
        var data = new TheoryData<MultibaseEncoding>();
        foreach (var encoding in Multibase.Encodings)
        {
            data.Add(encoding);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllEncodings))]
    public void Random_bytes_round_trip(MultibaseEncoding encoding)
    {
        var random = new Random((int)encoding);
        for (var length = 0; length <= 80; length++)
        {
            for (var round = 0; round < 4; round++)
            {
                var data = new byte[length];
                random.NextBytes(data);
                if (round == 1 && length > 0)
                {
                    // Leading zero bytes are the classic bug of the big-number encodings.
                    data.AsSpan(0, random.Next(1, Math.Min(length, 4) + 1)).Clear();
                }

                if (round == 2)
                {
                    Array.Fill(data, (byte)0xFF);
                }

                var text = Multibase.Encode(encoding, data);
                Assert.StartsWith(Multibase.Prefix(encoding), text, StringComparison.Ordinal);
                var (decodedEncoding, decoded) = Multibase.Decode(text);
                Assert.Equal(encoding, decodedEncoding);
                Assert.Equal(data, decoded);
                Assert.Equal(data, Multibase.Decode(text, encoding));
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllEncodings))]
    public void Names_parse_back(MultibaseEncoding encoding)
    {
        Assert.True(Multibase.TryParseName(Multibase.Name(encoding), out var parsed));
        Assert.Equal(encoding, parsed);
    }

    [Fact]
    public void Names_are_the_table_names()
    {
        Assert.Equal("base58btc", Multibase.Name(MultibaseEncoding.Base58Btc));
        Assert.Equal("base32hexpadupper", Multibase.Name(MultibaseEncoding.Base32HexPadUpper));
        Assert.Equal("base256emoji", Multibase.Name(MultibaseEncoding.Base256Emoji));
        Assert.Equal("🚀", Multibase.Prefix(MultibaseEncoding.Base256Emoji));
    }

    [Fact]
    public void Empty_data_encodes_to_the_prefix_alone()
    {
        foreach (var encoding in Multibase.Encodings)
        {
            Assert.Equal(Multibase.Prefix(encoding), Multibase.Encode(encoding, []));
        }
    }

    [Theory]
    [InlineData("z", "")]
    [InlineData("z1", "00")]
    [InlineData("z11", "0000")]
    [InlineData("z2", "01")]
    [InlineData("z5Q", "ff")]
    [InlineData("zLUv", "ffff")]
    [InlineData("z2g", "61")]
    [InlineData("za3gV", "626262")]
    [InlineData("zStV1DL6CwTryKyV", "68656c6c6f20776f726c64")]
    public void Base58btc_known_values(string text, string hex)
    {
        Assert.Equal(Convert.FromHexString(hex), Multibase.Decode(text, MultibaseEncoding.Base58Btc));
        Assert.Equal(text, Multibase.Encode(MultibaseEncoding.Base58Btc, Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("RBB8", "AB")]
    [InlineData("R%69 VD92EX0", "Hello!!")]
    [InlineData("RUJCLQE7W581", "base-45")]
    [InlineData("RQED8WEX0", "ietf!")]
    public void Base45_rfc9285_examples(string text, string ascii)
    {
        Assert.Equal(text, Multibase.Encode(MultibaseEncoding.Base45, System.Text.Encoding.ASCII.GetBytes(ascii)));
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(ascii), Multibase.Decode(text, MultibaseEncoding.Base45));
    }

    [Theory]
    [InlineData("z6Mkf5rGMoatrSj1f4CyvuHBeXJELe9RPdzo2PKGNCKVtZxP", MulticodecCode.Ed25519Pub, 32)]
    [InlineData("z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p", MulticodecCode.X25519Pub, 32)]
    [InlineData("zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", MulticodecCode.Secp256k1Pub, 33)]
    [InlineData("zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv", MulticodecCode.P256Pub, 33)]
    [InlineData("z82LkvCwHNreneWpsgPEbV3gu1C6NFJEBg4srfJ5gdxEsMGRJUz2sG9FE42shbn2xkZJh54", MulticodecCode.P384Pub, 49)]
    [InlineData("zUC7EK3ZakmukHhuncwkbySmomv3FmrkmS36E4Ks5rsb6VQSRpoCrx6Hb8e2Nk6UvJFSdyw9NK1scFXJp21gNNYFjVWNgaqyGnkyhtagagCpQb5B7tagJu3HDbjQ8h5ypoHjwBb", MulticodecCode.Bls12381G2Pub, 96)]
    public void Did_key_spec_vectors_decode_to_their_codec_and_key_size(string multibase, MulticodecCode code, int keyLength)
    {
        var bytes = Multibase.Decode(multibase, MultibaseEncoding.Base58Btc);
        var key = Multicodec.Strip(bytes, code);
        Assert.Equal(keyLength, key.Length);
        Assert.Equal(multibase, Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(code, key)));
    }

    [Theory]
    [InlineData("", 0, null)]
    [InlineData("!abc", 0, "!")]
    [InlineData("\0abc", 0, "\0")]
    [InlineData("😀abc", 0, "😀")]
    public void Unknown_prefixes_are_refused(string text, int position, string? character)
    {
        var e = Assert.Throws<MultibaseException>(() => Multibase.Decode(text));
        Assert.Equal(position, e.Position);
        Assert.Equal(character, e.Character);
    }

    [Theory]
    [InlineData("z3yQ0", 4, "0")]
    [InlineData("z3yQl", 4, "l")]
    [InlineData("z3yIQ", 3, "I")]
    [InlineData("zO", 1, "O")]
    [InlineData("f0g", 2, "g")]
    [InlineData("mYW+/=", 5, "=")]
    [InlineData("uYW+", 3, "+")]
    [InlineData("bme======", 3, "=")]
    [InlineData("9123a", 4, "a")]
    [InlineData("k12_", 3, "_")]
    [InlineData("hmEa", 2, "E")]
    [InlineData("0012", 3, "2")]
    [InlineData("z3é", 2, "é")]
    [InlineData("🚀🚀a", 4, "a")]
    [InlineData("🚀🚀😿", 4, "😿")]
    public void Invalid_characters_are_named_with_their_position(string text, int position, string character)
    {
        var e = Assert.Throws<MultibaseException>(() => Multibase.Decode(text));
        Assert.Equal(position, e.Position);
        Assert.Equal(character, e.Character);
        Assert.Contains(character, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("f0")]
    [InlineData("f123")]
    [InlineData("mA")]
    [InlineData("mAB")]
    [InlineData("MQQ=")]
    [InlineData("MQQ")]
    [InlineData("MQQ===")]
    [InlineData("cme=====")]
    [InlineData("bmf")]
    [InlineData("0101")]
    [InlineData("R0")]
    [InlineData("RGGW")]
    public void Bad_lengths_padding_and_trailing_bits_are_refused(string text)
        => Assert.Throws<MultibaseException>(() => Multibase.Decode(text));

    [Fact]
    public void Decoding_with_an_expected_encoding_refuses_another()
    {
        var e = Assert.Throws<MultibaseException>(() => Multibase.Decode("uAQID", MultibaseEncoding.Base58Btc));
        Assert.Contains("base58btc", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Base16_and_base32_and_base36_decode_case_insensitively()
    {
        Assert.Equal(new byte[] { 0xAB, 0xCD }, Multibase.Decode("fAbcD", MultibaseEncoding.Base16));
        Assert.Equal(Multibase.Decode("bmfrgg", MultibaseEncoding.Base32), Multibase.Decode("bMFRGG", MultibaseEncoding.Base32));
        Assert.Equal(Multibase.Decode("k2lcp", MultibaseEncoding.Base36), Multibase.Decode("k2LCP", MultibaseEncoding.Base36));
    }

    [Theory]
    [InlineData('z')]
    [InlineData('9')]
    [InlineData('k')]
    public void Big_number_texts_beyond_the_limit_are_refused(char prefix)
    {
        var text = prefix + new string('2', Multibase.MaxBigNumberLength + 1);
        var e = Assert.Throws<MultibaseException>(() => Multibase.Decode(text));
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(Multibase.Decode(prefix + new string('2', Multibase.MaxBigNumberLength)).Data);
    }

    [Fact]
    public void Base58_is_case_sensitive()
        => Assert.NotEqual(Multibase.Decode("zabc", MultibaseEncoding.Base58Btc), Multibase.Decode("zABC", MultibaseEncoding.Base58Btc));
}
