using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Tests.Harness;

/// <summary>
/// JSON-LD object comparison (json-ld-api tests README): objects member by member regardless of order,
/// arrays regardless of order except the values of <c>@list</c>, scalars strictly (numbers by value),
/// language tags case-insensitively.
/// </summary>
internal static class JsonLdComparison
{
    public static bool Equivalent(object? expected, object? actual, string? key = null)
    {
        switch (expected)
        {
            case Dictionary<string, object?> e:
                if (actual is not Dictionary<string, object?> a || a.Count != e.Count)
                {
                    return false;
                }

                foreach (var (k, v) in e)
                {
                    if (!a.TryGetValue(k, out var w) || !Equivalent(v, w, k))
                    {
                        return false;
                    }
                }

                return true;
            case List<object?> el:
                if (actual is not List<object?> al || al.Count != el.Count)
                {
                    return false;
                }

                if (key == "@list")
                {
                    for (var i = 0; i < el.Count; i++)
                    {
                        if (!Equivalent(el[i], al[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                return MatchUnordered(el, al, 0, new bool[al.Count]);
            case string s when key == "@language" && actual is string t:
                return string.Equals(s, t, StringComparison.OrdinalIgnoreCase);
            default:
                return JsonTree.DeepEquals(expected, actual);
        }
    }

    // Backtracking match: every expected item to a distinct actual item.
    private static bool MatchUnordered(List<object?> expected, List<object?> actual, int index, bool[] used)
    {
        if (index == expected.Count)
        {
            return true;
        }

        for (var j = 0; j < actual.Count; j++)
        {
            if (!used[j] && Equivalent(expected[index], actual[j]))
            {
                used[j] = true;
                if (MatchUnordered(expected, actual, index + 1, used))
                {
                    return true;
                }

                used[j] = false;
            }
        }

        return false;
    }
}
