using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Context;

/// <summary>
/// A term definition (JSON-LD 1.1 API §4.1). Immutable once its Create Term Definition call returns.
/// Part 2 API: read the properties; <see cref="Container"/> holds the container mapping as flags
/// (<see cref="HasContainer"/> tests one), <see cref="HasLanguage"/>/<see cref="HasDirection"/>
/// distinguish "absent" from "explicitly null".
/// </summary>
internal sealed class TermDefinition
{
    /// <summary>The IRI mapping (an IRI, blank node identifier or keyword); null when the term is mapped to null.</summary>
    public string? IriMapping { get; set; }

    /// <summary>The prefix flag: the term may be used as the prefix of a compact IRI.</summary>
    public bool IsPrefix { get; set; }

    /// <summary>The protected flag.</summary>
    public bool IsProtected { get; set; }

    /// <summary>The reverse property flag.</summary>
    public bool IsReverse { get; set; }

    /// <summary>The base URL of the context that defined a scoped context (used to resolve it).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>True when the definition has a local (scoped) context, even a null one.</summary>
    public bool HasLocalContext { get; set; }

    /// <summary>The local (scoped) context, a JSON tree value (null, string, object or array).</summary>
    public object? LocalContext { get; set; }

    /// <summary>True when the local context comes from a loaded (cached) context, so results of applying it may be cached.</summary>
    public bool LocalContextShared { get; set; }

    /// <summary>The container mapping.</summary>
    public ContainerKind Container { get; set; }

    /// <summary>True when a container mapping is given (even <c>[]</c>).</summary>
    public bool HasContainerMapping { get; set; }

    /// <summary>True when the direction mapping is given; <see cref="Direction"/> null then means "none".</summary>
    public bool HasDirection { get; set; }

    /// <summary>The direction mapping: <c>ltr</c>, <c>rtl</c> or null.</summary>
    public string? Direction { get; set; }

    /// <summary>The index mapping (a property IRI), or null.</summary>
    public string? Index { get; set; }

    /// <summary>True when the language mapping is given; <see cref="Language"/> null then means "no language".</summary>
    public bool HasLanguage { get; set; }

    /// <summary>The language mapping (lower-cased), or null.</summary>
    public string? Language { get; set; }

    /// <summary>The nest value, or null.</summary>
    public string? Nest { get; set; }

    /// <summary>The type mapping (an IRI or <c>@id</c>, <c>@vocab</c>, <c>@json</c>, <c>@none</c>), or null.</summary>
    public string? TypeMapping { get; set; }

    /// <summary>True when the container mapping includes <paramref name="kind"/>.</summary>
    public bool HasContainer(ContainerKind kind) => (Container & kind) != 0;

    /// <summary>Equality of every member except the protected flag (Create Term Definition step 27.1).</summary>
    public bool SameDefinitionAs(TermDefinition other) =>
        IriMapping == other.IriMapping
        && IsPrefix == other.IsPrefix
        && IsReverse == other.IsReverse
        && HasLocalContext == other.HasLocalContext
        && (!HasLocalContext || JsonTree.DeepEquals(LocalContext, other.LocalContext))
        && Container == other.Container
        && HasDirection == other.HasDirection
        && Direction == other.Direction
        && Index == other.Index
        && HasLanguage == other.HasLanguage
        && Language == other.Language
        && Nest == other.Nest
        && TypeMapping == other.TypeMapping;
}
