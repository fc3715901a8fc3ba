using System.Text.Json;

namespace Tradeproof.Customs.Intake;

/// <summary>Generic reads of credential JSON: HS codes, names, entry numbers, issuer country.</summary>
public static class CredentialFields
{
    /// <summary>The HS codes (digits only) under the subject: <c>hsCode</c>, and <c>commodityCode</c> unless its type says it is not HS/HTS.</summary>
    public static IEnumerable<string> HsCodes(JsonElement credential)
    {
        var found = new List<string>();
        if (credential.ValueKind == JsonValueKind.Object && credential.TryGetProperty("credentialSubject", out var subject))
        {
            Walk(subject, found, 0);
        }

        return found.Distinct(StringComparer.Ordinal);
    }

    private static void Walk(JsonElement e, List<string> found, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                Walk(item, found, depth + 1);
            }

            return;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var m in e.EnumerateObject())
        {
            if (m.Value.ValueKind == JsonValueKind.String && (m.NameEquals("hsCode") || m.NameEquals("HSCode")
                || (m.NameEquals("commodityCode") && (!e.TryGetProperty("commodityCodeType", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() is "HS" or "HTS" or "HTSUS"))))
            {
                var digits = Digits(m.Value.GetString()!);
                if (digits.Length >= 2)
                {
                    found.Add(digits);
                }
            }
            else
            {
                Walk(m.Value, found, depth + 1);
            }
        }
    }

    /// <summary>The digits of a code written with dots or spaces (<c>2204.21.60 00</c>).</summary>
    public static string Digits(string code) => new([.. code.Where(char.IsAsciiDigit)]);

    /// <summary>Every string value of members named like product descriptions (description, name, productDescription), lower case.</summary>
    public static IEnumerable<string> Descriptions(JsonElement credential)
    {
        var found = new List<string>();
        if (credential.ValueKind == JsonValueKind.Object && credential.TryGetProperty("credentialSubject", out var subject))
        {
            Collect(subject, found, 0);
        }

        return found;
    }

    private static void Collect(JsonElement e, List<string> found, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                Collect(item, found, depth + 1);
            }
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var m in e.EnumerateObject())
            {
                if (m.Value.ValueKind == JsonValueKind.String && (m.NameEquals("description") || m.NameEquals("productDescription") || m.NameEquals("productName") || m.NameEquals("commodityDescription")))
                {
                    found.Add(m.Value.GetString()!.ToLowerInvariant());
                }
                else
                {
                    Collect(m.Value, found, depth + 1);
                }
            }
        }
    }

    /// <summary>The first string at a member name anywhere under the subject (breadth first is not needed: subjects are small).</summary>
    public static string? FirstString(JsonElement credential, string name)
    {
        if (credential.ValueKind != JsonValueKind.Object || !credential.TryGetProperty("credentialSubject", out var subject))
        {
            return null;
        }

        return Find(subject, name, 0);
    }

    private static string? Find(JsonElement e, string name, int depth)
    {
        if (depth > 32)
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                if (Find(item, name, depth + 1) is { } s)
                {
                    return s;
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            if (e.TryGetProperty(name, out var direct) && direct.ValueKind == JsonValueKind.String)
            {
                return direct.GetString();
            }

            foreach (var m in e.EnumerateObject())
            {
                if (Find(m.Value, name, depth + 1) is { } s)
                {
                    return s;
                }
            }
        }

        return null;
    }

    /// <summary>The issuer's country (<c>issuer.location.address.addressCountry</c>), when a two-letter code.</summary>
    public static string? IssuerCountry(JsonElement credential)
    {
        if (credential.ValueKind == JsonValueKind.Object && credential.TryGetProperty("issuer", out var issuer) && issuer.ValueKind == JsonValueKind.Object
            && issuer.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.Object
            && location.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.Object
            && address.TryGetProperty("addressCountry", out var country) && country.ValueKind == JsonValueKind.String && country.GetString() is { Length: 2 } code)
        {
            return code.ToUpperInvariant();
        }

        return null;
    }

    /// <summary>The value at a member path (objects only), or null.</summary>
    public static JsonElement? At(JsonElement e, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
            {
                return null;
            }
        }

        return e;
    }

    /// <summary>The string at a member path, or null.</summary>
    public static string? Str(JsonElement e, params ReadOnlySpan<string> path) => At(e, path) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>The strings at a member path (a string or an array of strings).</summary>
    public static IReadOnlyList<string> Strings(JsonElement e, params ReadOnlySpan<string> path) => At(e, path) switch
    {
        { ValueKind: JsonValueKind.String } v => [v.GetString()!],
        { ValueKind: JsonValueKind.Array } v => [.. v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)],
        _ => [],
    };

    /// <summary>The objects at a member path (an object or an array of objects).</summary>
    public static IReadOnlyList<JsonElement> Objects(JsonElement e, params ReadOnlySpan<string> path) => At(e, path) switch
    {
        { ValueKind: JsonValueKind.Object } v => [v],
        { ValueKind: JsonValueKind.Array } v => [.. v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)],
        _ => [],
    };
}
