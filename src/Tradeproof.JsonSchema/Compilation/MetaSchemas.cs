using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Tradeproof.JsonSchema.Compilation;

/// <summary>The 2020-12 meta-schemas (Core 8.1.1, Validation 9), embedded in the assembly and parsed once.</summary>
internal static class MetaSchemas
{
    private const string Prefix = "https://json-schema.org/draft/2020-12/";

    private static readonly Lazy<Dictionary<string, JsonElement>> All = new(Load);

    public static bool TryGet(string uri, [NotNullWhen(true)] out JsonElement document)
    {
        if (uri.StartsWith(Prefix, StringComparison.Ordinal) && All.Value.TryGetValue(uri, out document))
        {
            return true;
        }

        document = default;
        return false;
    }

    private static Dictionary<string, JsonElement> Load()
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var assembly = typeof(MetaSchemas).Assembly;
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("MetaSchemas/", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement.Clone();
            result[root.GetProperty("$id").GetString()!] = root;
        }

        return result;
    }
}
