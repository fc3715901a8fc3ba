namespace Tradeproof.Json;

/// <summary>The checks of <see cref="StrictJson"/>, run over the token list of the tokenizer.</summary>
internal static class StrictJsonValidator
{
    public static void Validate(ReadOnlySpan<byte> utf8Json, StrictJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        throw new NotImplementedException(utf8Json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
