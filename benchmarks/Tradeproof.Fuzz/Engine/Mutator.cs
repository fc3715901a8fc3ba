using System.Text;

namespace Tradeproof.Fuzz.Engine;

/// <summary>Which token-aware mutations fit a target's input, besides the byte-level ones every target gets.</summary>
[Flags]
public enum TokenKinds
{
    /// <summary>Bytes only.</summary>
    None = 0,

    /// <summary>JSON structure: brackets, separators, deep nesting, duplicated members, hostile literals.</summary>
    Json = 1,

    /// <summary>N-Quads terms: IRIs, blank nodes, literals, statement ends.</summary>
    NQuads = 2,

    /// <summary>Segments of base64url text separated by '.' or '~' (JWS, SD-JWT, multibase).</summary>
    Base64Url = 4,

    /// <summary>Line- and separator-oriented text (signed notes, DID URLs).</summary>
    Text = 8,
}

/// <summary>
/// Mutates one input: 1 to 4 stacked byte flips, byte sets, inserts, deletes, duplications, truncations, splices with
/// another corpus entry, and token-aware edits for the target's <see cref="TokenKinds"/>. All choices come from the
/// given <see cref="FuzzRandom"/>.
/// </summary>
public static class Mutator
{
    /// <summary>The largest input a mutation produces (deep-nesting and duplication stop here).</summary>
    public const int MaxLength = 1 << 20;

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x0A, 0x0D, 0x20, 0x22, 0x27, 0x2B, 0x2D, 0x2E, 0x2F, 0x30, 0x3A, 0x3C, 0x3E, 0x40, 0x5C, 0x5F, 0x7B, 0x7D, 0x5B, 0x5D, 0x7E, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xEF, 0xF4, 0xF5, 0xFF];

    private static readonly string[] JsonTokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "0", "-0", "1e400", "-1e400", "1E-400",
        "9007199254740993", "18446744073709551616", "0.1e1", "01", "1.", ".5", "\"\\ud800\"", "\"\\udc00\\ud800\"",
        "\"\\u0000\"", "\"@context\"", "\"@id\"", "\"@type\"", "\"@graph\"", "\"@value\"", "\"@list\"", "\"@vocab\"",
        "\"@protected\"", "\"@import\"", "\"@base\"", "\"proof\"", "\"_sd\"", "\"...\"", "{\"a\":1,\"a\":2}", "\"\u00e9\"", "\uFEFF", "NaN",
        "\"https://www.w3.org/ns/credentials/v2\"", "\"http://example.org/\"", "\"did:key:z6Mk\"",
    ];

    private static readonly string[] NQuadsTokens =
    [
        "<http://a.example/s>", "<>", "<relative>", "<http://a.example/\\u0020>", "_:b0", "_:c14n0", "_:", "_:.",
        "\"x\"", "\"x\"@en", "\"x\"@en--rtl", "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>", "\"\\U0010FFFF\"",
        "\"\\uD800\"", " .\n", " .", "\n", "\r\n", " ", "#c\n", "\"\"\"", "^^", "@", "<http://a.example/g>",
    ];

    private static readonly string[] TextTokens =
    [
        "\n", "\n\n", "\u2014 ", " ", ":", "/", "?", "#", "%", "%2", "%00", "%ZZ", "..", "did:", "did:key:", "did:web:",
        "did:web:localhost", "did:web:127.0.0.1", "did:web:[::1]", "\u0131", "\u212A", "+", "=", "\t", "\0",
    ];

    private static readonly string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>A mutated copy of <paramref name="input"/>; <paramref name="corpus"/> provides splice material.</summary>
    public static byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus, TokenKinds kinds, FuzzRandom random)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(random);
        var data = new List<byte>(input);
        var rounds = 1 + random.Next(random.OneIn(4) ? 8 : 2);
        for (var i = 0; i < rounds; i++)
        {
            MutateOnce(data, corpus, kinds, random);
            if (data.Count > MaxLength)
            {
                data.RemoveRange(MaxLength, data.Count - MaxLength);
            }
        }

        return [.. data];
    }

    private static void MutateOnce(List<byte> data, IReadOnlyList<byte[]> corpus, TokenKinds kinds, FuzzRandom random)
    {
        var tokenAware = kinds != TokenKinds.None && random.OneIn(2);
        if (tokenAware)
        {
            var options = new List<TokenKinds>();
            foreach (var k in new[] { TokenKinds.Json, TokenKinds.NQuads, TokenKinds.Base64Url, TokenKinds.Text })
            {
                if (kinds.HasFlag(k))
                {
                    options.Add(k);
                }
            }

            switch (random.Pick(options))
            {
                case TokenKinds.Json:
                    MutateJson(data, random);
                    return;
                case TokenKinds.NQuads:
                    InsertToken(data, random.Pick(NQuadsTokens), random, preferAfter: " \t\n");
                    return;
                case TokenKinds.Base64Url:
                    MutateBase64Url(data, random);
                    return;
                default:
                    InsertToken(data, random.Pick(TextTokens), random, preferAfter: ":/\n ");
                    return;
            }
        }

        switch (random.Next(9))
        {
            case 0 when data.Count > 0:
                data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[random.Next(data.Count)] = random.OneIn(2) ? random.Pick(InterestingBytes) : (byte)random.Next(256);
                break;
            case 2:
            {
                var count = random.Next(1, 9);
                var bytes = new byte[count];
                random.Fill(bytes);
                data.InsertRange(random.Next(data.Count + 1), bytes);
                break;
            }

            case 3 when data.Count > 0:
            {
                var start = random.Next(data.Count);
                data.RemoveRange(start, Math.Min(data.Count - start, random.Next(1, random.OneIn(4) ? 256 : 9)));
                break;
            }

            case 4 when data.Count > 0:
            {
                // Duplicate a range, sometimes many times (repetition finds quadratic paths and size limits).
                var start = random.Next(data.Count);
                var length = Math.Min(data.Count - start, random.Next(1, 64));
                var chunk = data.GetRange(start, length);
                var times = random.OneIn(8) ? random.Next(2, 2000) : 1;
                var at = start + length;
                for (var t = 0; t < times && data.Count + length <= MaxLength; t++)
                {
                    data.InsertRange(at, chunk);
                }

                break;
            }

            case 5 when data.Count > 0:
            {
                // Truncate.
                var at = random.Next(data.Count);
                data.RemoveRange(at, data.Count - at);
                break;
            }

            case 6 when corpus.Count > 0:
            {
                // Splice: a range of another corpus entry replaces a range of this one.
                var other = random.Pick(corpus);
                if (other.Length == 0)
                {
                    break;
                }

                var from = random.Next(other.Length);
                var length = Math.Min(other.Length - from, random.Next(1, 256));
                var at = random.Next(data.Count + 1);
                var replace = Math.Min(data.Count - at, random.Next(0, length + 1));
                data.RemoveRange(at, replace);
                data.InsertRange(at, new ArraySegment<byte>(other, from, length));
                break;
            }

            case 7 when data.Count > 1:
            {
                // Swap two bytes.
                int a = random.Next(data.Count), b = random.Next(data.Count);
                (data[a], data[b]) = (data[b], data[a]);
                break;
            }

            default:
                data.Insert(random.Next(data.Count + 1), random.Pick(InterestingBytes));
                break;
        }
    }

    private static void MutateJson(List<byte> data, FuzzRandom random)
    {
        switch (random.Next(5))
        {
            case 0:
            {
                // Deep nesting: past the depth caps (64) and far beyond.
                var depth = random.Pick(new[] { 63, 64, 65, 100, 1000, 10_000, 100_000 });
                var open = random.OneIn(2) ? (byte)'[' : (byte)'{';
                var at = random.Next(data.Count + 1);
                var opening = new byte[depth];
                if (open == (byte)'{')
                {
                    // {"a":{"a":...
                    var unit = "{\"a\":"u8.ToArray();
                    opening = new byte[Math.Min(depth * unit.Length, MaxLength / 2)];
                    for (var i = 0; i + unit.Length <= opening.Length; i += unit.Length)
                    {
                        unit.CopyTo(opening, i);
                    }
                }
                else
                {
                    Array.Fill(opening, open);
                }

                data.InsertRange(at, opening);
                if (random.OneIn(2))
                {
                    var closing = new byte[Math.Min(depth, MaxLength / 4)];
                    Array.Fill(closing, open == (byte)'[' ? (byte)']' : (byte)'}');
                    data.InsertRange(at + opening.Length, random.OneIn(2) ? [(byte)'1', .. closing] : closing);
                }

                break;
            }

            case 1:
            {
                // Duplicate a member: copy from a quote to the next comma or closing brace, and insert it after.
                var quotes = Positions(data, (byte)'"');
                if (quotes.Count == 0)
                {
                    goto default;
                }

                var start = random.Pick(quotes);
                var end = start + 1;
                while (end < data.Count && data[end] != (byte)',' && data[end] != (byte)'}')
                {
                    end++;
                }

                var member = data.GetRange(start, end - start);
                data.InsertRange(end, [(byte)',', .. member]);
                break;
            }

            case 2:
            {
                // Replace a scalar-looking run (digits, letters) with a hostile literal.
                var at = random.Next(data.Count + 1);
                var end = at;
                while (end < data.Count && (char.IsAsciiLetterOrDigit((char)data[end]) || data[end] is (byte)'.' or (byte)'-' or (byte)'+'))
                {
                    end++;
                }

                data.RemoveRange(at, end - at);
                data.InsertRange(at, Encoding.UTF8.GetBytes(random.Pick(JsonTokens)));
                break;
            }

            case 3:
            {
                // Remove or swap a structural character.
                var structural = new List<int>();
                for (var i = 0; i < data.Count; i++)
                {
                    if (data[i] is (byte)'{' or (byte)'}' or (byte)'[' or (byte)']' or (byte)',' or (byte)':' or (byte)'"')
                    {
                        structural.Add(i);
                    }
                }

                if (structural.Count == 0)
                {
                    goto default;
                }

                var pos = random.Pick(structural);
                if (random.OneIn(2))
                {
                    data.RemoveAt(pos);
                }
                else
                {
                    data[pos] = (byte)"{}[],:\""[random.Next(7)];
                }

                break;
            }

            default:
                InsertToken(data, random.Pick(JsonTokens), random, preferAfter: ",:[{");
                break;
        }
    }

    private static void MutateBase64Url(List<byte> data, FuzzRandom random)
    {
        var separators = new List<int> { -1 };
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] is (byte)'.' or (byte)'~')
            {
                separators.Add(i);
            }
        }

        separators.Add(data.Count);
        var segment = random.Next(separators.Count - 1);
        var start = separators[segment] + 1;
        var end = separators[segment + 1];
        switch (random.Next(6))
        {
            case 0 when end > start:
                data[random.Next(start, end)] = (byte)Base64UrlAlphabet[random.Next(Base64UrlAlphabet.Length)];
                break;
            case 1:
                // Drop the segment (keeps or drops its separator).
                data.RemoveRange(start, Math.Min(data.Count - start, end - start + (random.OneIn(2) && end < data.Count ? 1 : 0)));
                break;
            case 2:
                // Duplicate the segment with its separator.
                if (end > start)
                {
                    var copy = data.GetRange(start, end - start);
                    data.InsertRange(end, [(byte)(random.OneIn(2) ? '~' : '.'), .. copy]);
                }

                break;
            case 3:
                data.InsertRange(end, "=="u8.ToArray());
                break;
            case 4:
            {
                // Replace the segment by the base64url of a JSON token (header or disclosure injection).
                var json = random.Pick(new[]
                {
                    "{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}", "{\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}}",
                    "{\"alg\":\"ES256\",\"jku\":\"http://169.254.169.254/\"}", "{\"alg\":\"EdDSA\",\"kid\":\"../../x\"}", "[\"s\",\"_sd\",1]",
                    "[\"s\",\"...\",1]", "[\"s\",\"n\"]", "{}", "[]", "null", "{\"typ\":\"kb+jwt\"}", "{\"_sd\":[\"x\"],\"_sd_alg\":\"md5\"}",
                });
                data.RemoveRange(start, end - start);
                data.InsertRange(start, Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_')));
                break;
            }

            default:
                data.Insert(random.Next(data.Count + 1), random.OneIn(2) ? (byte)'.' : (byte)'~');
                break;
        }
    }

    private static void InsertToken(List<byte> data, string token, FuzzRandom random, string preferAfter)
    {
        var at = random.Next(data.Count + 1);
        if (random.OneIn(2))
        {
            // Prefer a position just after a separator so the token lands in a plausible place.
            for (var i = at; i < data.Count; i++)
            {
                if (preferAfter.Contains((char)data[i], StringComparison.Ordinal))
                {
                    at = i + 1;
                    break;
                }
            }
        }

        var bytes = Encoding.UTF8.GetBytes(token);
        if (random.OneIn(3) && at < data.Count)
        {
            data.RemoveRange(at, Math.Min(data.Count - at, bytes.Length));
        }

        data.InsertRange(at, bytes);
    }

    private static List<int> Positions(List<byte> data, byte value)
    {
        var result = new List<int>();
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] == value)
            {
                result.Add(i);
            }
        }

        return result;
    }
}
