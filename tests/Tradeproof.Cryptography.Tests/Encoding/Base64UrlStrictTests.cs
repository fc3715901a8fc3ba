using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography.Tests.Encoding;

/// <summary>
/// Strict base64url on long inputs, where the alphabet check runs vectorized: one character outside the
/// URL-safe alphabet anywhere (whitespace, padding, '+', '/', non-ASCII) refuses the whole text.
/// </summary>
public class Base64UrlStrictTests
{
    private static readonly byte[] Data = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void Long_input_round_trips()
    {
        var text = Base64UrlStrict.Encode(Data);
        Assert.True(Base64UrlStrict.TryDecode(text, out var decoded));
        Assert.Equal(Data, decoded);
    }

    [Theory]
    [InlineData(' ')]
    [InlineData('\n')]
    [InlineData('=')]
    [InlineData('+')]
    [InlineData('/')]
    [InlineData('é')]
    [InlineData('\0')]
    public void A_foreign_character_anywhere_is_refused(char foreign)
    {
        var text = Base64UrlStrict.Encode(Data);
        foreach (var position in new[] { 0, 1, 17, 63, 200, text.Length - 1 })
        {
            // Replacing keeps the length, so only the alphabet can refuse it.
            var replaced = string.Concat(text.AsSpan(0, position), foreign.ToString(), text.AsSpan(position + 1));
            Assert.False(Base64UrlStrict.TryDecode(replaced, out _), $"'{foreign}' at {position}");
        }
    }

    [Fact]
    public void Non_zero_unused_bits_at_the_end_of_a_long_input_are_refused()
    {
        var text = Base64UrlStrict.Encode(Data.AsSpan(0, 299)); // 299 bytes: the last group has 2 unused bits
        Assert.True(Base64UrlStrict.TryDecode(text, out _));
        var last = text[^1];
        var tampered = text[..^1] + (char)(last == 'A' ? 'B' : last + 1);
        Assert.False(Base64UrlStrict.TryDecode(tampered, out _));
    }
}
