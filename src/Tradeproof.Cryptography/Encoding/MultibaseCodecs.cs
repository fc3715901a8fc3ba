namespace Tradeproof.Cryptography.Encoding;

/// <summary>Dispatch from a multibase prefix to its codec.</summary>
internal static class MultibaseCodecs
{
    public static readonly MultibaseEncoding[] All = Enum.GetValues<MultibaseEncoding>();

    public static string Encode(MultibaseEncoding encoding, ReadOnlySpan<byte> data)
        => throw new NotImplementedException(encoding.ToString() + data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static (MultibaseEncoding Encoding, byte[] Data) Decode(string multibase)
        => throw new NotImplementedException(multibase);

    public static string Name(MultibaseEncoding encoding) => encoding.ToString().ToLowerInvariant();

    public static bool TryParseName(string name, out MultibaseEncoding encoding)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                encoding = candidate;
                return true;
            }
        }

        encoding = default;
        return false;
    }
}
