namespace Tradeproof.JsonLd.Context;

/// <summary>The JSON-LD 1.1 keywords (JSON-LD 1.1 §1.7) and the keyword-like form test.</summary>
internal static class Keywords
{
    public const string Base = "@base";
    public const string Container = "@container";
    public const string Context = "@context";
    public const string Default = "@default";
    public const string Direction = "@direction";
    public const string Graph = "@graph";
    public const string Id = "@id";
    public const string Import = "@import";
    public const string Included = "@included";
    public const string Index = "@index";
    public const string Json = "@json";
    public const string Language = "@language";
    public const string List = "@list";
    public const string Nest = "@nest";
    public const string None = "@none";
    public const string Prefix = "@prefix";
    public const string Preserve = "@preserve";
    public const string Propagate = "@propagate";
    public const string Protected = "@protected";
    public const string Reverse = "@reverse";
    public const string Set = "@set";
    public const string Type = "@type";
    public const string Value = "@value";
    public const string Version = "@version";
    public const string Vocab = "@vocab";
    public const string Any = "@any";
    public const string Explicit = "@explicit";
    public const string Embed = "@embed";
    public const string OmitDefault = "@omitDefault";
    public const string RequireAll = "@requireAll";

    private static readonly HashSet<string> All = new(StringComparer.Ordinal)
    {
        Base, Container, Context, Default, Direction, Embed, Explicit, Graph, Id, Import, Included, Index, Json,
        Language, List, Nest, None, OmitDefault, Prefix, Preserve, Propagate, Protected, RequireAll, Reverse, Set,
        Type, Value, Version, Vocab,
    };

    /// <summary>True for a JSON-LD keyword.</summary>
    public static bool IsKeyword(string? value) => value is not null && value.Length > 1 && value[0] == '@' && All.Contains(value);

    /// <summary>True when the value has the form of a keyword: "@" followed by one or more ALPHA (JSON-LD 1.1 §9.3 / API 4.2.2 step 5).</summary>
    public static bool HasKeywordForm(string value)
    {
        if (value.Length < 2 || value[0] != '@')
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (!char.IsAsciiLetter(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
