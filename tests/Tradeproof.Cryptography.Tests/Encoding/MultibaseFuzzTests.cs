using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography.Tests.Encoding;

/// <summary>
/// Seeded fuzzing of multibase and varint decoding (security.md "Fuzzing of every parser"): random strings fail
/// only with <see cref="MultibaseException"/>, random bytes only with <see cref="MulticodecException"/>, and
/// anything decoded re-encodes canonically where the encoding has one form.
/// </summary>
public sealed class MultibaseFuzzTests
{
    private const string Characters = "019aAzZfFbBkKmMuUR7htTcCvV0OIl+/=-_ $%*.:é\u0000🚀😀🪐";

    [Fact]
    public void Random_strings_fail_only_with_multibase_exceptions()
    {
        var random = new Random(5);
        var decoded = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var builder = new System.Text.StringBuilder();
            for (var n = random.Next(0, 12); n > 0; n--)
            {
                var at = random.Next(Characters.Length);
                builder.Append(char.IsHighSurrogate(Characters[at]) ? Characters.Substring(at, 2) : char.IsLowSurrogate(Characters[at]) ? "x" : Characters[at].ToString());
            }

            var text = builder.ToString();
            try
            {
                var (encoding, data) = Multibase.Decode(text);
                decoded++;
                Assert.Equal(data, Multibase.Decode(Multibase.Encode(encoding, data)).Data);
            }
            catch (MultibaseException e)
            {
                Assert.InRange(e.Position, -1, text.Length);
            }
        }

        Assert.True(decoded > 100);
    }

    [Fact]
    public void Random_bytes_fail_only_with_multicodec_exceptions()
    {
        var random = new Random(6);
        var buffer = new byte[12];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            var length = random.Next(0, buffer.Length);
            try
            {
                var rest = Multicodec.Strip(buffer.AsSpan(0, length), out var code);
                Assert.Equal(Varint.GetLength((ulong)code) + rest.Length, length);
            }
            catch (MulticodecException)
            {
            }
        }
    }
}
