namespace Tradeproof.Json;

/// <summary>UTF-8 conversions that never replace invalid data silently.</summary>
internal static class Utf8
{
    private static readonly System.Text.UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes a .NET string; a lone surrogate is refused as <see cref="JsonInputError.LoneSurrogate"/>.</summary>
    public static byte[] FromString(string value)
    {
        try
        {
            return Strict.GetBytes(value);
        }
        catch (System.Text.EncoderFallbackException e)
        {
            throw new JsonInputException(JsonInputError.LoneSurrogate, "The string holds an unpaired UTF-16 surrogate at char index " + e.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".", -1, 0, 0, e);
        }
    }
}
