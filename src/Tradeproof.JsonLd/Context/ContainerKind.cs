namespace Tradeproof.JsonLd.Context;

/// <summary>The container mapping of a term definition (JSON-LD 1.1 API §4.1 <c>container mapping</c>) as flags.</summary>
[Flags]
internal enum ContainerKind
{
    None = 0,
    List = 1,
    Set = 2,
    Index = 4,
    Language = 8,
    Id = 16,
    Type = 32,
    Graph = 64,
}

/// <summary>Conversions between container keywords and <see cref="ContainerKind"/>.</summary>
internal static class ContainerKinds
{
    public static ContainerKind FromKeyword(string keyword) => keyword switch
    {
        Keywords.List => ContainerKind.List,
        Keywords.Set => ContainerKind.Set,
        Keywords.Index => ContainerKind.Index,
        Keywords.Language => ContainerKind.Language,
        Keywords.Id => ContainerKind.Id,
        Keywords.Type => ContainerKind.Type,
        Keywords.Graph => ContainerKind.Graph,
        _ => ContainerKind.None,
    };

    /// <summary>The keywords of the set flags, in a fixed order.</summary>
    public static IEnumerable<string> ToKeywords(ContainerKind kind)
    {
        if ((kind & ContainerKind.Graph) != 0)
        {
            yield return Keywords.Graph;
        }

        if ((kind & ContainerKind.Id) != 0)
        {
            yield return Keywords.Id;
        }

        if ((kind & ContainerKind.Index) != 0)
        {
            yield return Keywords.Index;
        }

        if ((kind & ContainerKind.Language) != 0)
        {
            yield return Keywords.Language;
        }

        if ((kind & ContainerKind.List) != 0)
        {
            yield return Keywords.List;
        }

        if ((kind & ContainerKind.Set) != 0)
        {
            yield return Keywords.Set;
        }

        if ((kind & ContainerKind.Type) != 0)
        {
            yield return Keywords.Type;
        }
    }
}
