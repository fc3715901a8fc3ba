using System.Text.Json;

namespace Tradeproof.JsonSchema.Evaluation;

/// <summary>
/// Equality of JSON values as JSON Schema defines it (Core 4.2.2): same type; numbers equal by mathematical
/// value; strings by code points; arrays item by item; objects by members, in any order.
/// </summary>
internal static class JsonEquality
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        var kind = a.ValueKind;
        if (kind != b.ValueKind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                return JsonNumber.Compare(JsonNumber.From(a), JsonNumber.From(b)) == 0;
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                using (var ea = a.EnumerateArray())
                using (var eb = b.EnumerateArray())
                {
                    while (ea.MoveNext() && eb.MoveNext())
                    {
                        if (!AreEqual(ea.Current, eb.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                var count = 0;
                foreach (var member in a.EnumerateObject())
                {
                    count++;
                    if (!b.TryGetProperty(member.Name, out var other) || !AreEqual(member.Value, other))
                    {
                        return false;
                    }
                }

                foreach (var unused in b.EnumerateObject())
                {
                    count--;
                }

                return count == 0;
            default:
                return true;
        }
    }
}
