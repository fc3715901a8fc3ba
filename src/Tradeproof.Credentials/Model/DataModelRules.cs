using System.Text.Json;

namespace Tradeproof.Credentials;

/// <summary>
/// The data-model rules shared by credentials and presentations (VC Data Model 2.0 §4, VC Data Model 1.1 §4),
/// each adding a <see cref="ProblemTypes.MalformedValueError"/> when broken. One method per rule.
/// </summary>
internal static class DataModelRules
{
    /// <summary>Strict JSON first (security.md "Strict parse"): a document that is not strict JSON is one PARSING_ERROR.</summary>
    public static bool TryParseStrict(ReadOnlyMemory<byte> utf8, DataModelOptions options, out JsonElement root, out Problem? problem)
    {
        try
        {
            root = Tradeproof.Json.StrictJson.ParseElement(utf8.Span, options.Json);
            problem = null;
            return true;
        }
        catch (Tradeproof.Json.JsonInputException e)
        {
            root = default;
            problem = new Problem(ProblemTypes.ParsingError, "Not valid JSON", e.Message);
            return false;
        }
    }

    /// <summary>§4.3 Contexts: an array (1.1 also allows a lone string) whose first value is the base context,
    /// each later value a URL (allowlisted when asked) or, if allowed, an object; no duplicates.</summary>
    public static DataModelVersion? Context(JsonElement root, DataModelOptions options, List<Problem> problems)
    {
        if (!root.TryGetProperty("@context", out var context))
        {
            problems.Add(Malformed("Missing @context", "The document has no @context."));
            return null;
        }

        List<JsonElement> values = context.ValueKind switch
        {
            JsonValueKind.Array => [.. context.EnumerateArray()],
            JsonValueKind.String => [context],
            _ => [],
        };
        if (values.Count == 0 || values[0].ValueKind != JsonValueKind.String)
        {
            problems.Add(Malformed("Invalid @context", "@context must be a list whose first value is the credentials context URL."));
            return null;
        }

        DataModelVersion version;
        if (values[0].ValueEquals(CredentialContexts.V2))
        {
            version = DataModelVersion.V2_0;
            if (context.ValueKind != JsonValueKind.Array)
            {
                // §4.3: "The value of the @context property MUST be an ordered set".
                problems.Add(Malformed("Invalid @context", "A VC 2.0 @context must be a list."));
            }
        }
        else if (values[0].ValueEquals(CredentialContexts.V1))
        {
            version = DataModelVersion.V1_1;
        }
        else
        {
            problems.Add(Malformed("Invalid @context", $"The first @context value must be {CredentialContexts.V2} or {CredentialContexts.V1}."));
            return null;
        }

        if (!options.Versions.Contains(version))
        {
            problems.Add(Malformed("Unsupported data model version", $"{CredentialContexts.Of(version)} is not accepted here."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < values.Count; i++)
        {
            var value = values[i];
            if (value.ValueKind == JsonValueKind.Object && options.AllowInlineContexts)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                problems.Add(Malformed("Invalid @context", $"@context value {i} must be a URL string."));
                continue;
            }

            var url = value.GetString()!;
            if (!IsUrl(url) || url == CredentialContexts.V1 || url == CredentialContexts.V2)
            {
                problems.Add(Malformed("Invalid @context", $"@context value {i} ('{url}') is not an acceptable context URL."));
            }
            else if (options.AllowedContexts is { } allowed && !allowed.Contains(url))
            {
                problems.Add(Malformed("Context not allowed", $"@context value '{url}' is not in the allowlist."));
            }
            else if (!seen.Add(url))
            {
                problems.Add(Malformed("Invalid @context", $"@context value '{url}' appears twice."));
            }
        }

        return version;
    }

    /// <summary>§4.5 Types: a string or list of strings containing <paramref name="required"/>.</summary>
    public static IReadOnlyList<string> Type(JsonElement root, string required, List<Problem> problems)
    {
        if (!root.TryGetProperty("type", out var type))
        {
            problems.Add(Malformed("Missing type", "The document has no type."));
            return [];
        }

        var types = Strings(type);
        if (types is null || types.Count == 0)
        {
            problems.Add(Malformed("Invalid type", "type must be a string or a list of strings."));
            return [];
        }

        if (!types.Contains(required))
        {
            problems.Add(Malformed("Invalid type", $"type must include '{required}'."));
        }

        return types;
    }

    /// <summary>§4.4 Identifiers: <c>id</c>, when present, is a URL.</summary>
    public static string? Id(JsonElement root, string member, List<Problem> problems)
    {
        if (!root.TryGetProperty(member, out var id))
        {
            return null;
        }

        if (id.ValueKind != JsonValueKind.String || !IsUrl(id.GetString()!))
        {
            problems.Add(Malformed($"Invalid {member}", $"{member} must be a URL."));
            return null;
        }

        return id.GetString();
    }

    /// <summary>§4.7 Issuer (and §4.13 holder): a URL, or an object whose <c>id</c> is a URL.</summary>
    public static string? Party(JsonElement root, string member, bool required, List<Problem> problems)
    {
        if (!root.TryGetProperty(member, out var party))
        {
            if (required)
            {
                problems.Add(Malformed($"Missing {member}", $"The document has no {member}."));
            }

            return null;
        }

        var id = party.ValueKind switch
        {
            JsonValueKind.String => party.GetString(),
            JsonValueKind.Object when party.TryGetProperty("id", out var pid) && pid.ValueKind == JsonValueKind.String => pid.GetString(),
            _ => null,
        };
        if (id is null || !IsUrl(id))
        {
            problems.Add(Malformed($"Invalid {member}", $"{member} must be a URL or an object with a URL id."));
            return null;
        }

        return id;
    }

    /// <summary>§4.8 Credential subject: an object or a non-empty list of objects, none empty.</summary>
    public static IReadOnlyList<JsonElement> Subjects(JsonElement root, List<Problem> problems)
    {
        if (!root.TryGetProperty("credentialSubject", out var subject))
        {
            problems.Add(Malformed("Missing credentialSubject", "The credential has no credentialSubject."));
            return [];
        }

        var list = Objects(subject);
        if (list is null || list.Count == 0 || list.Any(s => !s.EnumerateObject().Any()))
        {
            problems.Add(Malformed("Invalid credentialSubject", "credentialSubject must be a non-empty object or list of non-empty objects."));
            return [];
        }

        foreach (var s in list)
        {
            if (s.TryGetProperty("id", out var sid) && (sid.ValueKind != JsonValueKind.String || !IsUrl(sid.GetString()!)))
            {
                problems.Add(Malformed("Invalid credentialSubject", "A credentialSubject id must be a URL."));
            }
        }

        return list;
    }

    /// <summary>§4.9 Validity period (1.1 §4.6, §4.7): dateTimeStamp syntax; the start not after the end.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? Until) Validity(JsonElement root, DataModelVersion version, bool isCredential, List<Problem> problems)
    {
        var (fromName, untilName) = version == DataModelVersion.V2_0 ? ("validFrom", "validUntil") : ("issuanceDate", "expirationDate");
        var from = Date(root, fromName, problems);
        var until = Date(root, untilName, problems);
        if (version == DataModelVersion.V1_1 && isCredential && !root.TryGetProperty("issuanceDate", out _))
        {
            problems.Add(Malformed("Missing issuanceDate", "A VC 1.1 credential must have issuanceDate."));
        }

        if (from is { } f && until is { } u && f > u)
        {
            problems.Add(Malformed("Invalid validity period", $"{fromName} is after {untilName}."));
        }

        return (from, until);
    }

    /// <summary>§4.10 Status, §4.11 Data schemas, §4.14 evidence, terms of use, refresh: objects with a type (schemas also an id).</summary>
    public static IReadOnlyList<JsonElement> TypedObjects(JsonElement root, string member, bool requireId, List<Problem> problems)
    {
        if (!root.TryGetProperty(member, out var value))
        {
            return [];
        }

        var list = Objects(value);
        if (list is null || list.Count == 0 || list.Any(o => !o.TryGetProperty("type", out var t) || Strings(t) is not { Count: > 0 }))
        {
            problems.Add(Malformed($"Invalid {member}", $"{member} must be an object or a list of objects, each with a type."));
            return [];
        }

        if (requireId && list.Any(o => !o.TryGetProperty("id", out var i) || i.ValueKind != JsonValueKind.String || !IsUrl(i.GetString()!)))
        {
            problems.Add(Malformed($"Invalid {member}", $"Each {member} must have a URL id."));
        }

        return list;
    }

    /// <summary>A URL as VC DM 2.0 §4.4 means it: an absolute IRI (a scheme, no spaces).</summary>
    public static bool IsUrl(string value)
    {
        if (value.Length < 2 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        var colon = -1;
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                colon = i;
                break;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
            {
                return false;
            }
        }

        return colon > 0 && colon < value.Length - 1 && !value.AsSpan().ContainsAny(" \t\r\n<>\"{}|\\^`");
    }

    public static List<string>? Strings(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    public static List<JsonElement>? Objects(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return [value];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<JsonElement>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            list.Add(item);
        }

        return list;
    }

    public static Problem Malformed(string title, string detail) => new(ProblemTypes.MalformedValueError, title, detail);

    private static DateTimeOffset? Date(JsonElement root, string member, List<Problem> problems)
    {
        if (!root.TryGetProperty(member, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !DateTimeSyntax.TryParse(value.GetString()!, out var parsed))
        {
            problems.Add(Malformed($"Invalid {member}", $"{member} must be an XML Schema dateTimeStamp (with a time zone)."));
            return null;
        }

        return parsed;
    }
}
