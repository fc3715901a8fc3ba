using System.Text.Json;

namespace Tradeproof.Trade.Workflows;

/// <summary>
/// Reads one workflow definition from the JSON form of the traceability vocabulary's YAML (members <c>id</c>,
/// <c>title</c>, <c>description</c>, <c>tags</c>, <c>credentials</c> [{<c>id</c>, <c>name</c>}], <c>mermaid</c>),
/// parses its sequence diagram (<see cref="MermaidSequenceParser"/>) and resolves the credential names of its steps:
/// first against the definition's own <c>credentials</c> (by name, or by the IRI's term), then against the
/// catalogue's aliases (see <see cref="WorkflowStepText.NameKey"/> for how names compare).
/// </summary>
public static class WorkflowDefinitionReader
{
    /// <summary>The largest definition accepted, in bytes.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Reads a definition.</summary>
    /// <param name="utf8">The JSON.</param>
    /// <param name="aliases">Name keys (<see cref="WorkflowStepText.NameKey"/>) to type IRIs, for names the definition's own list does not give.</param>
    /// <exception cref="WorkflowFormatException">The JSON or its diagram is not a workflow definition.</exception>
    public static WorkflowDefinition Read(ReadOnlyMemory<byte> utf8, IReadOnlyDictionary<string, string>? aliases = null)
    {
        if (utf8.Length > MaxBytes)
        {
            throw new WorkflowFormatException($"a workflow definition is at most {MaxBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new WorkflowFormatException("a workflow definition is JSON: " + e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WorkflowFormatException("a workflow definition is a JSON object");
            }

            var id = RequiredString(root, "id");
            if (!Uri.TryCreate(id, UriKind.Absolute, out _))
            {
                throw new WorkflowFormatException($"the workflow id '{id}' is not an absolute IRI");
            }

            var credentials = ReadCredentials(root, id);
            var mermaid = RequiredString(root, "mermaid");
            MermaidSequenceDiagram diagram;
            try
            {
                diagram = MermaidSequenceParser.Parse(mermaid);
            }
            catch (WorkflowFormatException e)
            {
                throw new WorkflowFormatException($"workflow {id}: mermaid {e.Message}", e);
            }

            var parties = diagram.Participants.Select(p => new WorkflowParty(p.Alias, p.Name)).ToList();
            var steps = new List<WorkflowStep>();
            foreach (var message in diagram.Messages)
            {
                var (kind, labels) = WorkflowStepText.Parse(message.Text);
                var stepCredentials = labels.Select(label => new WorkflowStepCredential(label, Resolve(label, credentials, aliases))).ToList();
                steps.Add(new WorkflowStep(
                    steps.Count + 1,
                    kind,
                    parties.First(p => string.Equals(p.Alias, message.From, StringComparison.Ordinal)),
                    parties.First(p => string.Equals(p.Alias, message.To, StringComparison.Ordinal)),
                    message.Text,
                    stepCredentials));
            }

            return new WorkflowDefinition
            {
                Id = id,
                Title = RequiredString(root, "title"),
                Description = OptionalString(root, "description")?.Trim() ?? string.Empty,
                Tags = ReadTags(root),
                RequiredCredentials = credentials,
                Parties = parties,
                Steps = steps,
                Notes = diagram.Notes.Select(n => n.Text).ToList(),
                Mermaid = mermaid,
            };
        }
    }

    private static string? Resolve(string label, IReadOnlyList<WorkflowCredentialType> own, IReadOnlyDictionary<string, string>? aliases)
    {
        var key = WorkflowStepText.NameKey(label);
        var byName = own.FirstOrDefault(c => WorkflowStepText.NameKey(c.Name) == key)
            ?? own.FirstOrDefault(c => WorkflowStepText.NameKey(c.Term) == key);
        if (byName is not null)
        {
            return byName.Id;
        }

        return aliases is not null && aliases.TryGetValue(key, out var aliased) ? aliased : null;
    }

    private static List<WorkflowCredentialType> ReadCredentials(JsonElement root, string id)
    {
        if (!root.TryGetProperty("credentials", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new WorkflowFormatException($"workflow {id}: 'credentials' must be a list");
        }

        var result = new List<WorkflowCredentialType>();
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new WorkflowFormatException($"workflow {id}: each credential is an object with 'id' and 'name'");
            }

            var typeId = RequiredString(entry, "id");
            if (!Uri.TryCreate(typeId, UriKind.Absolute, out _))
            {
                throw new WorkflowFormatException($"workflow {id}: credential type '{typeId}' is not an absolute IRI");
            }

            if (result.Exists(c => c.Id == typeId))
            {
                throw new WorkflowFormatException($"workflow {id}: credential type '{typeId}' is listed twice");
            }

            result.Add(new WorkflowCredentialType(typeId, RequiredString(entry, "name")));
        }

        return result;
    }

    private static List<string> ReadTags(JsonElement root)
    {
        if (!root.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (tags.ValueKind != JsonValueKind.Array || tags.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            throw new WorkflowFormatException("'tags' must be a list of strings");
        }

        return tags.EnumerateArray().Select(t => t.GetString()!.Trim()).ToList();
    }

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) is { Length: > 0 } value ? value : throw new WorkflowFormatException($"'{name}' must be a non-empty string");

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new WorkflowFormatException($"'{name}' must be a string");
    }
}
