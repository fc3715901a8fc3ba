using System.CommandLine;
using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.Verification;
using Tradeproof.Trade.Rules;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof rules check PRESENTATION [--policy FILE] [--json]</c>: admissibility of presented goods.</summary>
internal static class RulesCommands
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var rules = new Command("rules", "Admissibility rules (as data): check a presentation, list the catalogue.");
        rules.Add(CreateCheck(console));
        rules.Add(CreateList(console));
        return [rules];
    }

    // tradeproof rules check PRESENTATION [--policy FILE] [--json]
    private static Command CreateCheck(CliConsole console)
    {
        var input = new Argument<string>("PRESENTATION")
        {
            Description = "A presentation (its verifiableCredential), a credential, or a JSON array of credentials; - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var policyOption = new Option<string?>("--policy")
        {
            Description = "A policy file overlaying the default policy: prohibitedOrigins, usmcaCountries, deMinimis {threshold, currency, excludedOrigins, suspended}, coldChain {minimum, maximum}.",
        };
        var json = new Option<bool>("--json") { Description = "Write the decision and findings as JSON." };
        var command = new Command("check", "Verify each credential presented, build the goods' twins and evaluate every admissibility rule. Exit 0 when admissible (warnings allowed), 1 when not.")
        {
            input, policyOption, json,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var path = parse.GetValue(input);
            var policy = parse.GetValue(policyOption) is { } policyPath
                ? AdmissibilityPolicy.Parse(CliInput.ReadAllText(policyPath, console))
                : AdmissibilityPolicy.Default;
            var bytes = CliInput.ReadAllBytes(path, console);
            var received = TwinCommands.Credentials(bytes, new CredentialVerifier(), DateTimeOffset.UtcNow, CliInput.Describe(path));
            var result = new AdmissibilityEvaluator().Evaluate(received, policy);
            console.Output.Write(parse.GetValue(json) ? ToJson(result, received.Count) : ToText(result, received.Count));
            return result.IsAdmissible ? ExitCodes.Success : ExitCodes.InvalidInput;
        }));
        return command;
    }

    // tradeproof rules list
    private static Command CreateList(CliConsole console)
    {
        var command = new Command("list", "List the rule catalogue: code, severity, check and what each rule is for.");
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            foreach (var rule in RuleCatalog.Default.Rules)
            {
                console.Output.WriteLine($"{rule.Code,-34} {Severity(rule.Severity),-4} {rule.Check,-22} {rule.Description}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Severity(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Pass => "pass",
        FindingSeverity.Warn => "warn",
        _ => "fail",
    };

    private static string Decision(AdmissibilityDecision decision) => decision switch
    {
        AdmissibilityDecision.Admissible => "admissible",
        AdmissibilityDecision.AdmissibleWithWarnings => "admissible with warnings",
        _ => "not admissible",
    };

    private static string ToText(AdmissibilityResult result, int credentials)
    {
        var o = new StringBuilder();
        foreach (var f in result.Findings.OrderByDescending(f => f.Severity))
        {
            var where = f.CredentialId is null ? "" : f.Pointer is null ? $"  [{f.CredentialId}]" : $"  [{f.CredentialId} {f.Pointer}]";
            o.Append(Severity(f.Severity).ToUpperInvariant()).Append("  ").Append(f.Code).Append("  ").Append(f.Message).AppendLine(where);
        }

        o.Append("decision: ").Append(Decision(result.Decision))
            .Append(" (").Append(credentials).Append(" credentials, ")
            .Append(result.Findings.Count(f => f.Severity == FindingSeverity.Fail)).Append(" failed, ")
            .Append(result.Findings.Count(f => f.Severity == FindingSeverity.Warn)).Append(" warnings, ")
            .Append(result.Findings.Count(f => f.Severity == FindingSeverity.Pass)).AppendLine(" passed)");
        return o.ToString();
    }

    private static string ToJson(AdmissibilityResult result, int credentials)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("decision", Decision(result.Decision));
            w.WriteBoolean("admissible", result.IsAdmissible);
            w.WriteNumber("credentials", credentials);
            w.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                w.WriteStartObject();
                w.WriteString("code", f.Code);
                w.WriteString("severity", Severity(f.Severity));
                w.WriteString("message", f.Message);
                if (f.CredentialId is not null)
                {
                    w.WriteString("credential", f.CredentialId);
                }

                if (f.Pointer is not null)
                {
                    w.WriteString("pointer", f.Pointer);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
