using System.Buffers;
using System.Text;
using System.Text.Json;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Cryptography;
using Tradeproof.Json;

namespace Tradeproof.Credentials.Jose;

/// <summary>
/// JWS Compact Serialization (RFC 7515 §3.1, §5.1 signing, §5.2 validation) with strict header rules: an
/// allow-listed <c>alg</c> that must fit the key, no key material in the header (<c>jwk</c>, <c>jku</c>,
/// <c>x5u</c>, <c>x5c</c>: keys come only from the resolver), <c>crit</c> understood or refused, <c>b64</c>
/// refused, canonical unpadded base64url everywhere.
/// </summary>
public sealed class CompactJws
{
    private static readonly string[] KeyInjectionParameters = ["jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"];

    private static readonly HashSet<string> RegisteredParameters = new(StringComparer.Ordinal)
    {
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
    };

    private readonly int _signingInputLength;
    private string? _signingInput;

    private CompactJws(JwsHeader header, byte[] payload, int signingInputLength, byte[] signature, string compact)
    {
        Header = header;
        Payload = payload;
        _signingInputLength = signingInputLength;
        Signature = signature;
        Compact = compact;
    }

    /// <summary>The checked protected header.</summary>
    public JwsHeader Header { get; }

    /// <summary>The decoded payload.</summary>
    public byte[] Payload { get; }

    /// <summary>ASCII(BASE64URL(header) || '.' || BASE64URL(payload)).</summary>
    public string SigningInput => _signingInput ??= Compact[.._signingInputLength];

    /// <summary>The signing input within <see cref="Compact"/> (no copy).</summary>
    private ReadOnlySpan<char> SigningInputSpan => Compact.AsSpan(0, _signingInputLength);

    /// <summary>The decoded signature.</summary>
    public byte[] Signature { get; }

    /// <summary>The serialization read.</summary>
    public string Compact { get; }

    /// <summary>
    /// Signs <paramref name="payload"/> (RFC 7515 §5.1) with the algorithm of <paramref name="key"/>'s type; the
    /// header holds <c>alg</c>, then <c>kid</c>, <c>typ</c>, <c>cty</c> when given.
    /// </summary>
    public static string Sign(ReadOnlySpan<byte> payload, KeyPair key, string? kid, string? typ, string? cty = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var alg = JwsAlgorithms.For(key.Type) ?? throw new ArgumentException($"A {key.Type} key cannot sign a JWS.", nameof(key));
        var header = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(header, JoseJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", alg);
            if (kid is not null)
            {
                writer.WriteString("kid", kid);
            }

            if (typ is not null)
            {
                writer.WriteString("typ", typ);
            }

            if (cty is not null)
            {
                writer.WriteString("cty", cty);
            }

            writer.WriteEndObject();
        }

        // Step 1-6: encode header and payload, sign ASCII(header.payload), append the signature.
        var signingInput = Base64UrlStrict.Encode(header.WrittenSpan) + "." + Base64UrlStrict.Encode(payload);
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlStrict.Encode(signature);
    }

    /// <summary>
    /// Reads a compact JWS and checks its header (RFC 7515 §5.2 steps 1-6 and the rules above); the signature
    /// is checked by <see cref="VerifySignature"/>. Never throws on bad input.
    /// </summary>
    public static bool TryParse(string? compact, JwsParseOptions? options, out CompactJws? jws, out Problem? problem)
    {
        options ??= JwsParseOptions.Default;
        jws = null;
        if (string.IsNullOrEmpty(compact))
        {
            problem = Parsing("The JWS is empty.");
            return false;
        }

        if (compact.Length > options.MaxLength)
        {
            problem = Parsing($"The JWS is longer than {options.MaxLength} characters.");
            return false;
        }

        // Step 1: exactly three parts.
        var first = compact.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : compact.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || compact.IndexOf('.', second + 1) >= 0)
        {
            problem = Parsing("A compact JWS has exactly three base64url parts.");
            return false;
        }

        // Steps 2-3, 6-7: decode each part strictly.
        if (!Base64UrlStrict.TryDecode(compact.AsSpan(0, first), out var headerBytes)
            || !Base64UrlStrict.TryDecode(compact.AsSpan(first + 1, second - first - 1), out var payload)
            || !Base64UrlStrict.TryDecode(compact.AsSpan(second + 1), out var signature))
        {
            problem = Parsing("A JWS part is not canonical unpadded base64url.");
            return false;
        }

        if (!TryReadHeader(headerBytes, options, out var header, out problem))
        {
            return false;
        }

        jws = new CompactJws(header!, payload, second, signature, compact);
        return true;
    }

    /// <summary>
    /// Verifies the signature with <paramref name="key"/>: the header's <c>alg</c> must be the algorithm of the
    /// key's type (no algorithm confusion); ECDSA (0,0) and out-of-range values fail.
    /// </summary>
    public bool VerifySignature(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!JwsAlgorithms.Fits(Header.Alg, key.Type))
        {
            return false;
        }

        // The signing input is base64url and '.', checked by TryParse: one byte per character.
        var input = SigningInputSpan;
        var length = input.Length;
        byte[]? rented = null;
        var buffer = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            Encoding.ASCII.GetBytes(input, buffer);
            return key.Verify(buffer, Signature);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The payload as JSON (strict: duplicate names refused); throws <see cref="JsonInputException"/>.</summary>
    internal JsonElement PayloadJson() => StrictJson.ParseElement(Payload);

    private static bool TryReadHeader(byte[] bytes, JwsParseOptions options, out JwsHeader? header, out Problem? problem)
    {
        header = null;
        JsonElement json;
        try
        {
            json = StrictJson.ParseElement(bytes);
        }
        catch (JsonInputException e)
        {
            problem = Parsing("The JWS header is not strict JSON: " + e.Message);
            return false;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            problem = Parsing("The JWS header is not a JSON object.");
            return false;
        }

        // alg: required, a string, allow-listed (never "none").
        if (!json.TryGetProperty("alg", out var algValue) || algValue.ValueKind != JsonValueKind.String)
        {
            problem = Security("The JWS header has no 'alg' string.");
            return false;
        }

        var alg = algValue.GetString()!;
        if (!options.AllowedAlgorithms.Contains(alg, StringComparer.Ordinal) || !JwsAlgorithms.All.Contains(alg, StringComparer.Ordinal))
        {
            problem = Security($"The JWS algorithm '{alg}' is not allowed.");
            return false;
        }

        // Keys come only from the resolver.
        foreach (var name in KeyInjectionParameters)
        {
            if (json.TryGetProperty(name, out _))
            {
                problem = Security($"The JWS header carries '{name}'; keys are taken only from the issuer's DID.");
                return false;
            }
        }

        if (json.TryGetProperty("b64", out _))
        {
            problem = Malformed("The JWS header uses 'b64' (RFC 7797), which is not supported.");
            return false;
        }

        if (!TryOptionalString(json, "kid", out var kid, out problem)
            || !TryOptionalString(json, "typ", out var typ, out problem)
            || !TryOptionalString(json, "cty", out var cty, out problem))
        {
            return false;
        }

        if (kid is { Length: 0 })
        {
            problem = Malformed("The JWS 'kid' is empty.");
            return false;
        }

        // RFC 7515 §4.1.11: crit is a non-empty array of unique, non-registered, present and understood names.
        var crit = new List<string>();
        if (json.TryGetProperty("crit", out var critValue))
        {
            if (critValue.ValueKind != JsonValueKind.Array || critValue.GetArrayLength() == 0)
            {
                problem = Malformed("The JWS 'crit' must be a non-empty array.");
                return false;
            }

            foreach (var item in critValue.EnumerateArray())
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
                if (name is null || RegisteredParameters.Contains(name) || crit.Contains(name, StringComparer.Ordinal)
                    || !json.TryGetProperty(name, out _) || !options.UnderstoodCritical.Contains(name))
                {
                    problem = Malformed($"The JWS 'crit' lists '{name ?? item.GetRawText()}', which is not an understood extension present in the header.");
                    return false;
                }

                crit.Add(name);
            }
        }

        if (options.RequiredType is { } required && (typ is null || !TypeMatches(typ, required)))
        {
            problem = Malformed($"The JWS 'typ' is '{typ ?? "(missing)"}', expected '{required}'.");
            return false;
        }

        header = new JwsHeader(json, alg, typ, kid, cty, crit);
        problem = null;
        return true;
    }

    /// <summary>RFC 7515 §4.1.9: media types compare ignoring case, <c>application/</c> may be omitted.</summary>
    internal static bool TypeMatches(string typ, string expected)
    {
        static ReadOnlySpan<char> Strip(string value) =>
            value.StartsWith("application/", StringComparison.OrdinalIgnoreCase) ? value.AsSpan("application/".Length) : value;
        return Strip(typ).Equals(Strip(expected), StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryOptionalString(JsonElement json, string name, out string? value, out Problem? problem)
    {
        value = null;
        problem = null;
        if (!json.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = Malformed($"The JWS header '{name}' is not a string.");
            return false;
        }

        value = element.GetString();
        return true;
    }

    internal static Problem Parsing(string detail) => new(ProblemTypes.ParsingError, "Malformed JWS", detail);

    internal static Problem Malformed(string detail) => new(ProblemTypes.MalformedValueError, "Unacceptable JWS header", detail);

    internal static Problem Security(string detail) => new(ProblemTypes.CryptographicSecurityError, "Unacceptable JWS algorithm or key", detail);
}
