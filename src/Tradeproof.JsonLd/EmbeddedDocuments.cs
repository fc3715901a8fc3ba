using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Json;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd;

/// <summary>
/// Keeps, from one <see cref="JsonLdProcessor.ToRdf(ReadOnlySpan{byte}, JsonLdOptions, EmbeddedDocuments)"/> of a
/// document, the expanded form of each value of one of its top-level members (<see cref="Member"/>, e.g. a
/// presentation's <c>verifiableCredential</c>) wherever that expansion is provably the one the value would get as a
/// document of its own, so that the value's dataset without its <see cref="ExcludedKey"/> member (a credential
/// without its <c>proof</c>, the input of its own proof) can be made without parsing and expanding it again.
/// </summary>
/// <remarks>
/// A value is kept only when all of these hold (JSON-LD 1.1 Processing Algorithms §5.1.2, Expansion):
/// <list type="bullet">
/// <item>it is a JSON object expanded as the value of <see cref="Member"/> under a term whose property-scoped context
/// (step 3, applied in step 8) left exactly the initial active context the document itself started from: a
/// <c>"@context": null</c> as VC 2.0's <c>verifiableCredential</c> has, with no <c>expandContext</c> option and the
/// same base IRI. From there the value's own <c>@context</c>, type-scoped contexts and entries are processed exactly
/// as for the value alone; what differs is only the active property, which matters for the top-level drops of
/// step 19 and the unwrapping of a lone <c>@graph</c> (so the result must be a node object with a property);</item>
/// <item>in the value's active context (after its own and its type-scoped contexts) <see cref="ExcludedKey"/> is a
/// key of the value, expands to <see cref="ExcludedProperty"/> and is not a reverse property, and no other key expands
/// to <see cref="ExcludedProperty"/> or to <c>@nest</c>: the expanded entry of <see cref="ExcludedProperty"/> is then
/// all and only what <see cref="ExcludedKey"/> contributed, and the other entries do not depend on it.</item>
/// </list>
/// When the document's toRdf takes the direct path (DirectRdfDeserialization), the walk also sets each kept value's
/// own dataset aside as it adds the value's triples to the value's graph (that graph, named by a new blank node, holds
/// nothing else; its triples go to the default graph, those of graphs nested in the value stay in theirs, and the
/// excluded entry's triples are left out): the same dataset as the value's expanded form without the excluded entry
/// deserialized alone, up to blank node labels, without deserializing it again.
/// Anything else (a VC 1.1 presentation, whose <c>verifiableCredential</c> has no scoped context; a value under an
/// index map or <c>@nest</c>; a second key for the proof) is not kept, and the caller processes the value alone.
/// One instance serves one document; not thread-safe.
/// </remarks>
public sealed class EmbeddedDocuments
{
    private Dictionary<string, object?>?[] _expanded = [];
    private RdfDataset?[] _datasets = [];
    private Dictionary<Dictionary<string, object?>, int>? _targets;
    private Dictionary<Dictionary<string, object?>, int>? _kept;

    /// <summary>Keeps the values of the top-level <paramref name="member"/>, to be processed without <paramref name="excludedKey"/> (which must expand to <paramref name="excludedProperty"/>).</summary>
    public EmbeddedDocuments(string member, string excludedKey, string excludedProperty)
    {
        ArgumentException.ThrowIfNullOrEmpty(member);
        ArgumentException.ThrowIfNullOrEmpty(excludedKey);
        ArgumentException.ThrowIfNullOrEmpty(excludedProperty);
        Member = member;
        ExcludedKey = excludedKey;
        ExcludedProperty = excludedProperty;
    }

    /// <summary>The top-level member whose values are kept (<c>verifiableCredential</c>).</summary>
    public string Member { get; }

    /// <summary>The key each value is processed without (<c>proof</c>).</summary>
    public string ExcludedKey { get; }

    /// <summary>The IRI <see cref="ExcludedKey"/> must expand to (<c>https://w3id.org/security#proof</c>).</summary>
    public string ExcludedProperty { get; }

    /// <summary>The options of the run that filled this instance (null before).</summary>
    internal JsonLdOptions? Options { get; private set; }

    /// <summary>The initial active context of that run: the one a value must be expanded from.</summary>
    internal ActiveContext? Initial { get; private set; }

    /// <summary>The base URL of that run.</summary>
    internal string? BaseUrl { get; private set; }

    /// <summary>True once a run filled this instance.</summary>
    public bool IsFilled => Options is not null;

    /// <summary>How many values of <see cref="Member"/> the document had (0 before a run).</summary>
    public int Count => _expanded.Length;

    /// <summary>True when value <paramref name="index"/> was kept.</summary>
    public bool IsKept(int index) => index >= 0 && index < _expanded.Length && _expanded[index] is not null;

    /// <summary>
    /// The dataset of value <paramref name="index"/> as a document of its own without <see cref="ExcludedKey"/>
    /// (what toRdf of that document gives with <paramref name="options"/>), or null when the value was not kept or
    /// <paramref name="options"/> are not the ones of the run that kept it: process the value alone then.
    /// </summary>
    /// <exception cref="JsonLdException">As toRdf of that document would throw.</exception>
    public RdfDataset? ToRdf(int index, JsonLdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsKept(index) || !ReferenceEquals(options, Options))
        {
            return null;
        }

        // The dataset the presentation's direct toRdf set aside while walking the value, else the value's expanded
        // form without the excluded entry, deserialized.
        return _datasets[index] ?? ExpandedToRdf(index, options);
    }

    /// <summary>True when the document's toRdf set the dataset of value <paramref name="index"/> aside as it walked it (the direct path).</summary>
    public bool IsSetAside(int index) => IsKept(index) && _datasets[index] is not null;

    /// <summary>
    /// As <see cref="ToRdf"/>, always from the kept expanded form (without the excluded entry), never from the dataset
    /// set aside: the same dataset up to blank node labels.
    /// </summary>
    public RdfDataset? ExpandedToRdf(int index, JsonLdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsKept(index) || !ReferenceEquals(options, Options))
        {
            return null;
        }

        var node = _expanded[index]!;
        var document = new Dictionary<string, object?>(node.Count, StringComparer.Ordinal);
        foreach (var (key, value) in node)
        {
            if (key != ExcludedProperty)
            {
                document[key] = value;
            }
        }

        return JsonLdProcessor.ToRdfCore(new JsonLdRun(options), [document]);
    }

    /// <summary>True when <paramref name="node"/> is a kept value (the same object): the direct toRdf walk sets its dataset aside.</summary>
    internal bool IsKeptNode(Dictionary<string, object?> node, out int index)
    {
        index = -1;
        return _kept is not null && _kept.TryGetValue(node, out index);
    }

    /// <summary>True when <paramref name="property"/> of <paramref name="node"/> is the excluded entry of a kept value.</summary>
    internal bool IsExcluded(Dictionary<string, object?> node, string property) =>
        property == ExcludedProperty && _kept is not null && _kept.ContainsKey(node);

    /// <summary>The dataset of kept value <paramref name="index"/> without its excluded entry, from the direct toRdf walk.</summary>
    internal void SetDataset(int index, RdfDataset dataset) => _datasets[index] = dataset;

    /// <summary>Before a run's expansion: remembers the run and the value maps of the document's member.</summary>
    internal void Begin(JsonLdRun run, object? document, ActiveContext initial, string? baseUrl)
    {
        Reset();
        Options = run.Options;
        Initial = initial;
        BaseUrl = baseUrl;
        if (document is not Dictionary<string, object?> root || !root.TryGetValue(Member, out var member))
        {
            return;
        }

        var values = JsonTree.AsList(member);
        _expanded = new Dictionary<string, object?>?[values.Count];
        _datasets = new RdfDataset?[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is Dictionary<string, object?> map)
            {
                (_targets ??= new Dictionary<Dictionary<string, object?>, int>(ReferenceEqualityComparer.Instance))[map] = i;
            }
        }
    }

    /// <summary>Forgets what an earlier run kept.</summary>
    internal void Reset()
    {
        _targets = null;
        _kept = null;
        _expanded = [];
        _datasets = [];
        Options = null;
        Initial = null;
        BaseUrl = null;
    }

    /// <summary>After a run's expansion: nothing more is kept.</summary>
    internal void End() => _targets = null;

    /// <summary>The index of <paramref name="map"/> among the member's values, when it is one and was expanded from the run's initial context.</summary>
    internal bool IsTarget(Dictionary<string, object?> map, ActiveContext activeContext, string? baseUrl, out int index)
    {
        index = -1;
        return _targets is not null
            && ReferenceEquals(activeContext, Initial)
            && string.Equals(baseUrl, BaseUrl, StringComparison.Ordinal)
            && _targets.TryGetValue(map, out index);
    }

    /// <summary>
    /// Keeps <paramref name="output"/>, the expansion of target <paramref name="index"/> whose entries were expanded
    /// in <paramref name="activeContext"/>, when its keys meet the conditions (see the remarks).
    /// </summary>
    internal void Keep(JsonLdRun run, int index, Dictionary<string, object?> map, ActiveContext activeContext, Dictionary<string, object?> output)
    {
        var excluded = false;
        foreach (var key in map.Keys)
        {
            if (key == Keywords.Context)
            {
                continue;
            }

            var expanded = IriExpansion.Expand(run, activeContext, key, vocab: true);
            if (key == ExcludedKey)
            {
                if (expanded != ExcludedProperty || activeContext.GetTerm(key) is { IsReverse: true })
                {
                    return;
                }

                excluded = true;
            }
            else if (expanded == ExcludedProperty || expanded == Keywords.Nest)
            {
                return;
            }
        }

        if (!excluded || !output.ContainsKey(ExcludedProperty))
        {
            return;
        }

        // A node object with a property besides the excluded one: alone (without it), expansion neither unwraps it
        // (a lone @graph) nor drops it at the top level (step 19), nor is it a value, list or set object.
        var hasProperty = false;
        foreach (var key in output.Keys)
        {
            if (key is Keywords.Value or Keywords.List or Keywords.Set or Keywords.Graph)
            {
                return;
            }

            hasProperty |= key != ExcludedProperty && !Keywords.IsKeyword(key);
        }

        if (hasProperty)
        {
            _expanded[index] = output;
            (_kept ??= new Dictionary<Dictionary<string, object?>, int>(ReferenceEqualityComparer.Instance))[output] = index;
        }
    }
}
