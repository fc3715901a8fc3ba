namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>
/// VC Data Integrity "jsonPointerToPaths" over RFC 6901 JSON Pointer syntax: "" selects the whole document,
/// otherwise the pointer starts with "/" and each reference token has "~1" for "/" and "~0" for "~" (any
/// other "~" sequence is an error). Array indexes are resolved against the value they meet (RFC 6901 §4).
/// </summary>
internal static class JsonPointerToPaths
{
    /// <summary>The reference tokens of <paramref name="pointer"/>, unescaped.</summary>
    /// <exception cref="EcdsaSdException">Not an RFC 6901 JSON pointer (PROOF_GENERATION_ERROR).</exception>
    public static string[] Parse(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);

        // Step 1-2: paths; splitPath = pointer split on "/" without the first (empty) element.
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw Invalid(pointer, "it does not start with '/'");
        }

        var split = pointer[1..].Split('/');

        // Step 3: each path: unescape ~1 then ~0 (RFC 6901 §4 order); other "~" sequences are not JSON pointer syntax.
        for (var i = 0; i < split.Length; i++)
        {
            var token = split[i];
            if (!token.Contains('~', StringComparison.Ordinal))
            {
                continue;
            }

            for (var j = 0; j < token.Length; j++)
            {
                if (token[j] == '~' && (j + 1 >= token.Length || (token[j + 1] != '0' && token[j + 1] != '1')))
                {
                    throw Invalid(pointer, "'~' is not followed by '0' or '1'");
                }
            }

            split[i] = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return split;
    }

    /// <summary>RFC 6901 §4: an array index is "0" or digits without a leading zero, below <paramref name="count"/>.</summary>
    public static bool TryArrayIndex(string token, int count, out int index)
    {
        index = -1;
        if (token.Length == 0 || token.Length > 9 || (token.Length > 1 && token[0] == '0'))
        {
            return false;
        }

        var value = 0;
        foreach (var c in token)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        if (value >= count)
        {
            return false;
        }

        index = value;
        return true;
    }

    private static EcdsaSdException Invalid(string pointer, string why) =>
        new(EcdsaSdException.ProofGenerationError, $"'{pointer}' is not a JSON pointer: {why}.");
}
