using System.Reflection;

namespace Tradeproof.Architecture.Tests;

/// <summary>
/// The dependency rule of docs/architecture.md, checked over the compiled assemblies' references:
/// each library references only the Tradeproof layers below it, and no library references
/// ASP.NET Core, a database driver or the console.
/// </summary>
public sealed class DependencyRuleTests
{
    // Which Tradeproof assemblies each assembly may reference. A new project must be added here
    // (and to docs/architecture.md) before its assembly passes this test.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Tradeproof.Rdf"] = ["Tradeproof.Cryptography"],
        ["Tradeproof.Json"] = [],
        ["Tradeproof.Cryptography"] = ["Tradeproof.Json"],
        ["Tradeproof.JsonLd"] = ["Tradeproof.Rdf", "Tradeproof.Json"],
        ["Tradeproof.Dids"] = ["Tradeproof.Cryptography", "Tradeproof.Json"],
        ["Tradeproof.JsonSchema"] = ["Tradeproof.Json"],
        ["Tradeproof.Credentials"] = ["Tradeproof.Rdf", "Tradeproof.Json", "Tradeproof.JsonLd", "Tradeproof.Cryptography", "Tradeproof.Dids"],
        ["Tradeproof.Trade"] = ["Tradeproof.Rdf", "Tradeproof.Json", "Tradeproof.JsonLd", "Tradeproof.Cryptography", "Tradeproof.Dids", "Tradeproof.JsonSchema", "Tradeproof.Credentials"],
        ["Tradeproof.Transparency"] = ["Tradeproof.Json", "Tradeproof.Cryptography"],
        ["Tradeproof.Storage"] = ["Tradeproof.Json", "Tradeproof.Cryptography", "Tradeproof.Dids", "Tradeproof.Credentials", "Tradeproof.Trade", "Tradeproof.Transparency"],
        ["Tradeproof.Customs"] = ["Tradeproof.Rdf", "Tradeproof.Json", "Tradeproof.JsonLd", "Tradeproof.Cryptography", "Tradeproof.Dids", "Tradeproof.JsonSchema", "Tradeproof.Credentials", "Tradeproof.Trade", "Tradeproof.Storage", "Tradeproof.Transparency"],
        ["Tradeproof.Node"] = ["Tradeproof.Rdf", "Tradeproof.Json", "Tradeproof.JsonLd", "Tradeproof.Cryptography", "Tradeproof.Dids", "Tradeproof.JsonSchema", "Tradeproof.Credentials", "Tradeproof.Trade", "Tradeproof.Storage", "Tradeproof.Transparency", "Tradeproof.Customs"],
        ["Tradeproof.Demo"] = ["Tradeproof.Rdf", "Tradeproof.Json", "Tradeproof.JsonLd", "Tradeproof.Cryptography", "Tradeproof.Dids", "Tradeproof.JsonSchema", "Tradeproof.Credentials", "Tradeproof.Trade", "Tradeproof.Storage", "Tradeproof.Transparency", "Tradeproof.Customs", "Tradeproof.Node"],
        ["tradeproof"] = ["*"],

        // The test support library (tests/Tradeproof.Testing): test projects only; it sits on the trade layer and
        // no library may reference it (no entry above lists it).
        ["Tradeproof.Testing"] = ["Tradeproof.Rdf", "Tradeproof.Json", "Tradeproof.JsonLd", "Tradeproof.Cryptography", "Tradeproof.Dids", "Tradeproof.JsonSchema", "Tradeproof.Credentials", "Tradeproof.Trade"],
    };

    private static readonly string[] ForbiddenInLibraries =
        ["Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql", "System.Console", "Dapper"];

    private static readonly string[] SqlDrivers = ["Microsoft.Data.Sqlite", "Npgsql", "Dapper"];

    public static TheoryData<string> Assemblies()
    {
        var data = new TheoryData<string>();
        foreach (var path in OurAssemblies())
        {
            data.Add(Path.GetFileNameWithoutExtension(path));
        }

        return data;
    }

    [Fact]
    public void The_output_holds_the_core_libraries()
    {
        var names = OurAssemblies().Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Contains("Tradeproof.Rdf", names);
        Assert.Contains("Tradeproof.Json", names);
        Assert.Contains("tradeproof", names);
        Assert.Contains("Tradeproof.Testing", names);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Assembly_references_only_the_layers_below_it(string assemblyName)
    {
        Assert.True(Allowed.TryGetValue(assemblyName, out var allowed), $"{assemblyName} is not in the dependency table of DependencyRuleTests (and docs/architecture.md).");
        var references = References(assemblyName);
        if (allowed.Contains("*"))
        {
            return;
        }

        var ours = references.Where(IsOurs).ToList();
        var notAllowed = ours.Where(r => !allowed.Contains(r)).ToList();
        Assert.True(notAllowed.Count == 0, $"{assemblyName} references {string.Join(", ", notAllowed)}, which the dependency rule forbids.");
        // Only the storage layer may speak SQL; nothing below the node hosts HTTP (the demo hosts nodes).
        var forbidden = references
            .Where(r => ForbiddenInLibraries.Any(f => r.StartsWith(f, StringComparison.Ordinal)))
            .Where(r => !(assemblyName == "Tradeproof.Storage" && SqlDrivers.Any(d => r.StartsWith(d, StringComparison.Ordinal))))
            .Where(r => !(assemblyName is "Tradeproof.Node" or "Tradeproof.Demo" && r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)))
            .Where(r => !(assemblyName == "Tradeproof.Testing" && r.StartsWith("Npgsql", StringComparison.Ordinal)))
            .ToList();
        Assert.True(forbidden.Count == 0, $"Library {assemblyName} references {string.Join(", ", forbidden)}.");
    }

    private static bool IsOurs(string name) => name.StartsWith("Tradeproof.", StringComparison.Ordinal) || name == "tradeproof";

    private static List<string> References(string assemblyName)
    {
        var assembly = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll"));
        return assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
    }

    private static IEnumerable<string> OurAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => IsOurs(Path.GetFileNameWithoutExtension(p)) && !Path.GetFileName(p).Contains(".Tests", StringComparison.Ordinal));
}
