using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tradeproof.Demo;

/// <summary>Writes the demo's steps as they happen: readable lines, or one JSON object per line (<c>--json</c>).</summary>
public sealed class DemoTranscript(TextWriter output, bool json)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _lock = new();
    private string? _scenario;

    /// <summary>Writes one step.</summary>
    public void Write(DemoStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            if (json)
            {
                var line = new Dictionary<string, object?>
                {
                    ["event"] = "step",
                    ["scenario"] = step.Scenario,
                    ["kind"] = step.Kind.ToString().ToLowerInvariant(),
                    ["actor"] = step.Actor,
                    ["text"] = step.Text,
                };
                if (step.Met is { } met)
                {
                    line["met"] = met;
                }

                if (step.Details is not null)
                {
                    line["details"] = step.Details;
                }

                output.WriteLine(JsonSerializer.Serialize(line, JsonOptions));
                output.Flush();
                return;
            }

            if (step.Scenario != _scenario)
            {
                _scenario = step.Scenario;
                output.WriteLine();
                output.WriteLine(step.Scenario.Length == 0 ? "== network" : $"== {step.Scenario}");
            }

            var tag = step.Kind switch
            {
                DemoStepKind.Expectation => step.Met == true ? "  ok  " : "  FAIL",
                DemoStepKind.Note => "      ",
                var kind => "  " + kind.ToString().ToLowerInvariant()[..Math.Min(4, kind.ToString().Length)],
            };
            output.WriteLine(step.Actor is null ? $"{tag} {step.Text}" : $"{tag} {step.Actor}: {step.Text}");
            output.Flush();
        }
    }

    /// <summary>Writes the summary table (or its JSON object).</summary>
    public void WriteSummary(DemoReport report, string dashboardUrl)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_lock)
        {
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["event"] = "summary",
                    ["passed"] = report.AllPassed,
                    ["startUpSeconds"] = Math.Round(report.StartUp.TotalSeconds, 2),
                    ["seconds"] = Math.Round(report.Elapsed.TotalSeconds, 2),
                    ["dashboard"] = dashboardUrl,
                    ["scenarios"] = report.Scenarios.Select(s => new Dictionary<string, object?>
                    {
                        ["name"] = s.Name,
                        ["passed"] = s.Passed,
                        ["met"] = s.Met,
                        ["missed"] = s.Missed,
                        ["seconds"] = Math.Round(s.Elapsed.TotalSeconds, 2),
                        ["error"] = s.Error,
                    }).ToList(),
                }, JsonOptions));
                output.Flush();
                return;
            }

            output.WriteLine();
            output.WriteLine("== summary");
            output.WriteLine($"  {"scenario",-12} {"expectations",-13} {"result",-7} time");
            foreach (var s in report.Scenarios)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Name,-12} {$"{s.Met}/{s.Met + s.Missed}",-13} {(s.Passed ? "ok" : "FAILED"),-7} {s.Elapsed.TotalSeconds:0.0} s{(s.Error is null ? "" : "  (" + s.Error + ")")}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(report.AllPassed ? "every scenario behaved as expected" : "some scenarios did not behave as expected")}; {report.Elapsed.TotalSeconds:0.0} s in all ({report.StartUp.TotalSeconds:0.0} s to start the network)"));
            output.WriteLine($"  dashboard: {dashboardUrl}");
            output.Flush();
        }
    }
}
