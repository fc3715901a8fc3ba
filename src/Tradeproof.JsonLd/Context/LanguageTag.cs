namespace Tradeproof.JsonLd.Context;

/// <summary>BCP 47 well-formedness, simplified to its syntax of subtags (1-8 alphanumerics separated by hyphens,
/// the first alphabetic), enough to tell a language tag from garbage (JSON-LD only warns on ill-formed tags;
/// safe mode refuses them).</summary>
internal static class LanguageTag
{
    public static bool IsWellFormed(string tag)
    {
        if (tag.Length == 0)
        {
            return false;
        }

        var first = true;
        foreach (var part in tag.Split('-'))
        {
            if (part.Length is 0 or > 8)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (first ? !char.IsAsciiLetter(c) : !char.IsAsciiLetterOrDigit(c))
                {
                    return false;
                }
            }

            first = false;
        }

        return true;
    }
}
