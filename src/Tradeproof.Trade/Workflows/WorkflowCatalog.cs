using System.Reflection;
using System.Text.Json;

namespace Tradeproof.Trade.Workflows;

/// <summary>
/// The workflow definitions Tradeproof knows: the traceability vocabulary's, embedded as JSON
/// (<c>Workflows/Data/traceability/*.json</c>, written by <c>scripts/vocab/import-traceability.py</c>), with the
/// step-name aliases of <c>Workflows/Data/step-credential-aliases.json</c>. Immutable and thread-safe.
/// </summary>
public sealed class WorkflowCatalog
{
    private const string ResourcePrefix = "Tradeproof.Trade.Workflows.";
    private const string AliasesResource = ResourcePrefix + "step-credential-aliases.json";
    private static readonly Lazy<WorkflowCatalog> Embedded = new(LoadEmbedded);

    private WorkflowCatalog(IReadOnlyList<WorkflowDefinition> definitions)
    {
        Definitions = definitions;
    }

    /// <summary>The embedded catalogue.</summary>
    public static WorkflowCatalog Default => Embedded.Value;

    /// <summary>The definitions, ordered by id.</summary>
    public IReadOnlyList<WorkflowDefinition> Definitions { get; }

    /// <summary>Builds a catalogue from definitions in their JSON form.</summary>
    /// <param name="definitions">One JSON document per definition.</param>
    /// <param name="aliases">Step credential names (any spelling; compared by <see cref="WorkflowStepText.NameKey"/>) to type IRIs.</param>
    /// <exception cref="WorkflowFormatException">A definition cannot be read, or two share an id.</exception>
    public static WorkflowCatalog Load(IEnumerable<ReadOnlyMemory<byte>> definitions, IReadOnlyDictionary<string, string>? aliases = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var keyed = aliases?.ToDictionary(a => WorkflowStepText.NameKey(a.Key), a => a.Value, StringComparer.Ordinal);
        var read = new List<WorkflowDefinition>();
        foreach (var json in definitions)
        {
            var definition = WorkflowDefinitionReader.Read(json, keyed);
            if (read.Exists(d => d.Id == definition.Id))
            {
                throw new WorkflowFormatException($"two workflow definitions have the id {definition.Id}");
            }

            read.Add(definition);
        }

        read.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new WorkflowCatalog(read);
    }

    /// <summary>
    /// Finds a definition by its IRI, or by its short name (the IRI's fragment, e.g. <c>us-cbp-entry</c>;
    /// ordinal, case-insensitive).
    /// </summary>
    public WorkflowDefinition? Find(string idOrShortName)
    {
        ArgumentNullException.ThrowIfNull(idOrShortName);
        return Definitions.FirstOrDefault(d => string.Equals(d.Id, idOrShortName, StringComparison.Ordinal))
            ?? Definitions.FirstOrDefault(d => string.Equals(d.ShortName, idOrShortName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The alias table of the embedded catalogue (label → type IRI).</summary>
    public static IReadOnlyDictionary<string, string> ReadAliases(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!document.RootElement.TryGetProperty("aliases", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new WorkflowFormatException("the alias table has an 'aliases' list");
        }

        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object
                || !entry.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String
                || !entry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw new WorkflowFormatException("each alias is an object with 'label' and 'type' strings");
            }

            if (!aliases.TryAdd(label.GetString()!, type.GetString()!))
            {
                throw new WorkflowFormatException($"the alias '{label.GetString()}' is given twice");
            }
        }

        return aliases;
    }

    private static WorkflowCatalog LoadEmbedded()
    {
        var assembly = typeof(WorkflowCatalog).Assembly;
        var aliases = ReadAliases(ReadResource(assembly, AliasesResource));
        var definitions = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix + "traceability", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (ReadOnlyMemory<byte>)ReadResource(assembly, n));
        return Load(definitions, aliases);
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {assembly.GetName().Name}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
