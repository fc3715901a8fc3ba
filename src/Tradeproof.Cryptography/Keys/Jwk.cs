using System.Text.Json;

namespace Tradeproof.Cryptography;

/// <summary>
/// A JSON Web Key (RFC 7517) of the kinds we use: <c>OKP</c> (RFC 8037: Ed25519, X25519) and
/// <c>EC</c> (RFC 7518 §6.2: P-256, P-384, P-521; RFC 8812: secp256k1). Member values are kept
/// as their base64url strings. <see cref="ToString"/> never shows <c>d</c>.
/// </summary>
public sealed class Jwk
{
    /// <summary>Key type: <c>OKP</c> or <c>EC</c> (others are read, then refused on use).</summary>
    public required string Kty { get; init; }

    /// <summary>Curve name.</summary>
    public string? Crv { get; init; }

    /// <summary>Public key (OKP) or x coordinate (EC), base64url.</summary>
    public string? X { get; init; }

    /// <summary>y coordinate (EC), base64url.</summary>
    public string? Y { get; init; }

    /// <summary>Private key, base64url. Secret: never printed.</summary>
    public string? D { get; init; }

    /// <summary>Key id, if any.</summary>
    public string? Kid { get; init; }

    /// <summary>Algorithm, if any (e.g. <c>EdDSA</c>, <c>ES256</c>).</summary>
    public string? Alg { get; init; }

    /// <summary>Intended use, if any (<c>sig</c>, <c>enc</c>).</summary>
    public string? Use { get; init; }

    /// <summary>True when the private member <c>d</c> is present.</summary>
    public bool IsPrivate => D is not null;

    /// <summary>Parses a JWK from JSON text.</summary>
    /// <exception cref="KeyFormatException">Not a JSON object, or <c>kty</c> missing, or a member of the wrong type.</exception>
    public static Jwk Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            // The JSON may hold a private key: the parser's message is not passed on.
            throw new KeyFormatException("A JWK must be a JSON object.");
        }
    }

    /// <summary>Reads a JWK from a JSON element (unknown members are ignored).</summary>
    /// <exception cref="KeyFormatException">Not an object, <c>kty</c> missing, duplicate or non-string members.</exception>
    public static Jwk FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new KeyFormatException("A JWK must be a JSON object.");
        }

        string? kty = null, crv = null, x = null, y = null, d = null, kid = null, alg = null, use = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new KeyFormatException($"Duplicate JWK member '{property.Name}'.");
            }

            switch (property.Name)
            {
                case "kty": kty = StringMember(property); break;
                case "crv": crv = StringMember(property); break;
                case "x": x = StringMember(property); break;
                case "y": y = StringMember(property); break;
                case "d": d = StringMember(property); break;
                case "kid": kid = StringMember(property); break;
                case "alg": alg = StringMember(property); break;
                case "use": use = StringMember(property); break;
                default: break;
            }
        }

        if (kty is null)
        {
            throw new KeyFormatException("A JWK needs 'kty'.");
        }

        return new Jwk { Kty = kty, Crv = crv, X = x, Y = y, D = d, Kid = kid, Alg = alg, Use = use };
    }

    /// <summary>The same key without <c>d</c>.</summary>
    public Jwk ToPublicJwk() => new() { Kty = Kty, Crv = Crv, X = X, Y = Y, Kid = Kid, Alg = Alg, Use = Use };

    /// <summary>
    /// Writes the JWK with members in lexicographic order (as RFC 7638 thumbprints and did:jwk
    /// examples do). <c>d</c> is written only when <paramref name="includePrivate"/> is true.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer, bool includePrivate = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteOptional(writer, "alg", Alg);
        WriteOptional(writer, "crv", Crv);
        if (includePrivate)
        {
            WriteOptional(writer, "d", D);
        }

        WriteOptional(writer, "kid", Kid);
        writer.WriteString("kty", Kty);
        WriteOptional(writer, "use", Use);
        WriteOptional(writer, "x", X);
        WriteOptional(writer, "y", Y);
        writer.WriteEndObject();
    }

    /// <summary>Compact JSON of the JWK; <c>d</c> only with <paramref name="includePrivate"/>.</summary>
    public string ToJson(bool includePrivate = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteTo(writer, includePrivate);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>The public JSON; <c>d</c> is never shown.</summary>
    public override string ToString() => ToJson(includePrivate: false);

    private static string StringMember(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw new KeyFormatException($"JWK member '{property.Name}' must be a string.");

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
