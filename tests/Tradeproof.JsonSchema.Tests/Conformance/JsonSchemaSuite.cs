using System.Globalization;
using System.Text.Json;

namespace Tradeproof.JsonSchema.Tests.Conformance;

/// <summary>
/// The JSON-Schema-Test-Suite (json-schema-org/JSON-Schema-Test-Suite), draft2020-12. A case id is
/// "<c>file #group.test group description / test description</c>" (indexes from 0; ':' in descriptions becomes ';',
/// since the skip file splits on the first ':').
/// </summary>
internal static class JsonSchemaSuite
{
    private const string RemotePrefix = "http://localhost:1234/";

    private static readonly Dictionary<string, JsonElement> Files = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static string Directory(string relative) => Tradeproof.Testing.Conformance.PathOf("json-schema", "tests", "draft2020-12", relative);

    /// <summary>The case ids of every file directly in a folder of the suite.</summary>
    public static IEnumerable<object[]> Cases(string folder)
    {
        foreach (var path in System.IO.Directory.GetFiles(Directory(folder), "*.json").Order(StringComparer.Ordinal))
        {
            var file = folder.Length == 0 ? Path.GetFileName(path) : folder + "/" + Path.GetFileName(path);
            var groups = Load(file);
            var g = 0;
            foreach (var group in groups.EnumerateArray())
            {
                var t = 0;
                foreach (var test in group.GetProperty("tests").EnumerateArray())
                {
                    var description = $"{group.GetProperty("description").GetString()} / {test.GetProperty("description").GetString()}"
                        .Replace(':', ';');
                    yield return [string.Create(CultureInfo.InvariantCulture, $"{file} #{g}.{t} {description}")];
                    t++;
                }

                g++;
            }
        }
    }

    /// <summary>Runs one case: compiles the group's schema, validates the test's data, compares the verdict.</summary>
    public static void Run(string id, bool assertFormat)
    {
        var space = id.IndexOf(" #", StringComparison.Ordinal);
        var file = id[..space];
        var indexes = id[(space + 2)..id.IndexOf(' ', space + 2)].Split('.');
        var group = Load(file)[int.Parse(indexes[0], CultureInfo.InvariantCulture)];
        var test = group.GetProperty("tests")[int.Parse(indexes[1], CultureInfo.InvariantCulture)];
        var options = new JsonSchemaOptions { RemoteResolver = ResolveRemote, AssertFormat = assertFormat };
        var schema = JsonSchemaCompiler.Compile(group.GetProperty("schema"), options);
        var result = schema.Validate(test.GetProperty("data"));
        Assert.Equal(test.GetProperty("valid").GetBoolean(), result.IsValid);
        Assert.Equal(result.IsValid, result.Errors.Count == 0);
    }

    /// <summary>http://localhost:1234/path is the suite's remotes/path.</summary>
    public static JsonElement? ResolveRemote(Uri uri)
    {
        var text = uri.AbsoluteUri;
        if (!text.StartsWith(RemotePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = Tradeproof.Testing.Conformance.PathOf("json-schema", "remotes", text[RemotePrefix.Length..]);
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static JsonElement Load(string file)
    {
        lock (Gate)
        {
            if (!Files.TryGetValue(file, out var root))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Directory(file)));
                root = document.RootElement.Clone();
                Files[file] = root;
            }

            return root;
        }
    }
}
