namespace Tradeproof.Cryptography.Encoding;

/// <summary>Multicodec prefixes: an unsigned varint code in front of the data it names.</summary>
public static class Multicodec
{
    private static readonly Dictionary<MulticodecCode, string> Names = new()
    {
        [MulticodecCode.Secp256k1Pub] = "secp256k1-pub",
        [MulticodecCode.Bls12381G2Pub] = "bls12_381-g2-pub",
        [MulticodecCode.X25519Pub] = "x25519-pub",
        [MulticodecCode.Ed25519Pub] = "ed25519-pub",
        [MulticodecCode.P256Pub] = "p256-pub",
        [MulticodecCode.P384Pub] = "p384-pub",
        [MulticodecCode.P521Pub] = "p521-pub",
        [MulticodecCode.RsaPub] = "rsa-pub",
        [MulticodecCode.Ed25519Priv] = "ed25519-priv",
        [MulticodecCode.Secp256k1Priv] = "secp256k1-priv",
        [MulticodecCode.X25519Priv] = "x25519-priv",
        [MulticodecCode.P256Priv] = "p256-priv",
        [MulticodecCode.P384Priv] = "p384-priv",
    };

    /// <summary>The codes we know, by their multicodec table names.</summary>
    public static IReadOnlyDictionary<MulticodecCode, string> Known => Names;

    /// <summary>The table name of a known code (e.g. <c>ed25519-pub</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is not in <see cref="Known"/>.</exception>
    public static string Name(MulticodecCode code)
        => Names.TryGetValue(code, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown multicodec code.");

    /// <summary>The known code with table name <paramref name="name"/>.</summary>
    public static bool TryParseName(string name, out MulticodecCode code)
    {
        foreach (var (candidate, candidateName) in Names)
        {
            if (string.Equals(candidateName, name, StringComparison.Ordinal))
            {
                code = candidate;
                return true;
            }
        }

        code = default;
        return false;
    }

    /// <summary>The varint of <paramref name="code"/> followed by <paramref name="data"/>.</summary>
    public static byte[] Prefix(MulticodecCode code, ReadOnlySpan<byte> data)
    {
        var prefixLength = Varint.GetLength((ulong)code);
        var result = new byte[prefixLength + data.Length];
        Varint.Write((ulong)code, result);
        data.CopyTo(result.AsSpan(prefixLength));
        return result;
    }

    /// <summary>Reads the code at the start of <paramref name="prefixed"/> (any code, known or not) and returns the rest.</summary>
    /// <exception cref="MulticodecException">The prefix is not a valid varint.</exception>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> prefixed, out MulticodecCode code)
    {
        code = (MulticodecCode)Varint.Read(prefixed, out var length);
        return prefixed[length..];
    }

    /// <summary>Reads the code at the start of <paramref name="prefixed"/>, which must be <paramref name="expected"/>, and returns the rest.</summary>
    /// <exception cref="MulticodecException">Another code, or not a valid varint.</exception>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> prefixed, MulticodecCode expected)
    {
        var rest = Strip(prefixed, out var code);
        if (code != expected)
        {
            throw new MulticodecException($"Expected multicodec 0x{(ulong)expected:x} ({Describe(expected)}), found 0x{(ulong)code:x} ({Describe(code)}).");
        }

        return rest;
    }

    /// <summary>Splits prefixed bytes into their code and a copy of the data.</summary>
    /// <exception cref="MulticodecException">The prefix is not a valid varint.</exception>
    public static (MulticodecCode Code, byte[] Data) Split(ReadOnlySpan<byte> prefixed)
    {
        var rest = Strip(prefixed, out var code);
        return (code, rest.ToArray());
    }

    private static string Describe(MulticodecCode code) => Names.TryGetValue(code, out var name) ? name : "unknown";
}
