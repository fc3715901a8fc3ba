#:property PublishAot=false
// Summarises the TRX files of a test run: prints the closing line "N passed, N failed, N skipped"
// and, with --write-docs, regenerates docs/conformance.md from the same run.
// Usage: dotnet run scripts/TestReport.cs -- RESULTS_DIR REPO_ROOT [--write-docs]
using System.Globalization;
using System.Text;
using System.Xml.Linq;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: TestReport RESULTS_DIR REPO_ROOT [--write-docs]");
    return 2;
}

var resultsDir = args[0];
var repoRoot = args[1];
var writeDocs = args.Contains("--write-docs");
XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

var classes = new SortedDictionary<string, ClassCounts>(StringComparer.Ordinal);
int passed = 0, failed = 0, skipped = 0;
var trxFiles = Directory.Exists(resultsDir) ? Directory.GetFiles(resultsDir, "*.trx", SearchOption.AllDirectories) : [];
foreach (var trx in trxFiles)
{
    var doc = XDocument.Load(trx);
    var classOf = doc.Descendants(ns + "UnitTest").ToDictionary(
        t => (string)t.Attribute("id")!,
        t => (string)t.Element(ns + "TestMethod")!.Attribute("className")!);
    var storage = doc.Descendants(ns + "UnitTest").Select(t => (string?)t.Attribute("storage")).FirstOrDefault() ?? "";
    var project = Path.GetFileNameWithoutExtension(storage);
    foreach (var result in doc.Descendants(ns + "UnitTestResult"))
    {
        var outcome = (string?)result.Attribute("outcome");
        var cls = classOf.GetValueOrDefault((string)result.Attribute("testId")!, "?");
        if (!classes.TryGetValue(cls, out var entry))
        {
            classes[cls] = entry = new ClassCounts(project);
        }

        switch (outcome)
        {
            case "Passed": passed++; entry.Passed++; break;
            case "NotExecuted": skipped++; entry.Skipped++; break;
            default: failed++; entry.Failed++; break;
        }
    }
}

if (writeDocs)
{
    WriteConformanceDoc();
}

Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
return trxFiles.Length == 0 ? 1 : 0;

// Each conformance class (*ConformanceTests) is matched to the skip file of its test project whose
// name (letters and digits only, lower case) ends its suite name: RdfCanon <- rdf-canon.skip,
// JsonLdToRdf <- toRdf.skip. Skip-listed cases still run as tests and must still fail.
void WriteConformanceDoc()
{
    static string Norm(string s) => new string(s.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
    var sb = new StringBuilder();
    sb.AppendLine("# Conformance");
    sb.AppendLine();
    sb.AppendLine("Generated from a real test run by `scripts/test --write-docs` (do not edit by hand).");
    sb.AppendLine(CultureInfo.InvariantCulture, $"Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
    sb.AppendLine();
    sb.AppendLine("The suites are read from `../shared/conformance` (see its README for sources and commits).");
    sb.AppendLine("A case we do not pass is listed with its reason in its suite's skip file; listed cases still run");
    sb.AppendLine("and must still fail, so the lists stay true.");
    sb.AppendLine();
    sb.AppendLine("| suite (test class) | cases run | pass | known failures (skip file) | unexpected failures |");
    sb.AppendLine("| --- | ---: | ---: | ---: | ---: |");
    var details = new StringBuilder();
    foreach (var (cls, r) in classes)
    {
        var shortName = cls[(cls.LastIndexOf('.') + 1)..];
        if (!shortName.EndsWith("ConformanceTests", StringComparison.Ordinal))
        {
            continue;
        }

        var suite = Norm(shortName[..^"ConformanceTests".Length]);
        // TRX stores the test assembly path in lower case: find the project folder case-insensitively.
        var projectDir = Directory.GetDirectories(Path.Combine(repoRoot, "tests"))
            .FirstOrDefault(d => string.Equals(Path.GetFileName(d), r.Project, StringComparison.OrdinalIgnoreCase));
        var skipDir = Path.Combine(projectDir ?? Path.Combine(repoRoot, "tests", r.Project), "Conformance");
        var skipFile = (Directory.Exists(skipDir) ? Directory.GetFiles(skipDir, "*.skip") : [])
            .Where(f => suite.EndsWith(Norm(Path.GetFileNameWithoutExtension(f)), StringComparison.Ordinal))
            .OrderByDescending(f => Path.GetFileNameWithoutExtension(f).Length)
            .FirstOrDefault();
        var entries = skipFile is null ? [] : File.ReadAllLines(skipFile)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var total = r.Passed + r.Failed + r.Skipped;
        var skipLabel = skipFile is null ? "0" : $"{entries.Count} (`{Path.GetRelativePath(repoRoot, skipFile)}`)";
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {shortName[..^"ConformanceTests".Length]} (`{shortName}`) | {total} | {r.Passed - entries.Count} | {skipLabel} | {r.Failed} |");
        if (entries.Count > 0)
        {
            details.AppendLine(CultureInfo.InvariantCulture, $"### {shortName}: known failures");
            details.AppendLine();
            foreach (var e in entries)
            {
                details.AppendLine(CultureInfo.InvariantCulture, $"- {e}");
            }

            details.AppendLine();
        }
    }

    sb.AppendLine();
    sb.AppendLine(CultureInfo.InvariantCulture, $"All tests of the run: {passed} passed, {failed} failed, {skipped} skipped.");
    sb.AppendLine();
    sb.Append(details);
    File.WriteAllText(Path.Combine(repoRoot, "docs", "conformance.md"), sb.ToString());
}

/// <summary>Test outcomes of one test class.</summary>
internal sealed class ClassCounts(string project)
{
    public string Project { get; } = project;

    public int Passed { get; set; }

    public int Failed { get; set; }

    public int Skipped { get; set; }
}
