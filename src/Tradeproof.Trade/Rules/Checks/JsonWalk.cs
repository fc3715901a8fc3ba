using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary>Finds members by name anywhere in a credential, with their JSON pointers (RFC 6901).</summary>
internal static class JsonWalk
{
    public static IEnumerable<(string Pointer, JsonElement Value)> Members(JsonElement root, Func<string, bool> name, string at = "")
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in root.EnumerateObject())
                {
                    if (member.Name is "proof" or "@context")
                    {
                        continue;
                    }

                    var pointer = at + "/" + Escape(member.Name);
                    if (name(member.Name))
                    {
                        yield return (pointer, member.Value);
                    }

                    foreach (var inner in Members(member.Value, name, pointer))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in root.EnumerateArray())
                {
                    foreach (var inner in Members(item, name, at + "/" + index.ToString(CultureInfo.InvariantCulture)))
                    {
                        yield return inner;
                    }

                    index++;
                }

                break;
            default:
                break;
        }
    }

    /// <summary>The string at a member, or the commodityCode inside an object member.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s.Trim() : null,
        JsonValueKind.Object when value.TryGetProperty("commodityCode", out var code) && code.ValueKind == JsonValueKind.String => code.GetString(),
        _ => null,
    };

    /// <summary>The pointer of credential subject <paramref name="index"/> (an array or a single object).</summary>
    public static string SubjectPointer(JsonElement credential, int index) =>
        credential.TryGetProperty("credentialSubject", out var s) && s.ValueKind == JsonValueKind.Array
            ? "/credentialSubject/" + index.ToString(CultureInfo.InvariantCulture)
            : "/credentialSubject";

    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>The digits of an HS code.</summary>
    public static string Digits(string code) => new([.. code.Where(char.IsAsciiDigit)]);
}
