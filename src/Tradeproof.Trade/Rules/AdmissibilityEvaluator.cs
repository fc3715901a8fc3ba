using System.Text;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules;

/// <summary>
/// Evaluates a rule catalogue against presented credentials: builds the <see cref="RuleContext"/> (twins
/// from the verified credentials), runs each rule's check, and turns hits into findings with the rule's
/// code, severity and message. A check that throws is a bug, not a finding: it propagates.
/// </summary>
public sealed class AdmissibilityEvaluator
{
    private readonly RuleCatalog _catalog;
    private readonly RuleChecks _checks;

    /// <summary>An evaluator over a catalogue (the embedded one by default) and checks (the built-in ones by default).</summary>
    public AdmissibilityEvaluator(RuleCatalog? catalog = null, RuleChecks? checks = null)
    {
        _catalog = catalog ?? RuleCatalog.Default;
        _checks = checks ?? RuleChecks.Default;
    }

    /// <summary>The findings and decision for the credentials under the policy (the catalogue's by default).</summary>
    public AdmissibilityResult Evaluate(IReadOnlyList<ReceivedCredential> credentials, AdmissibilityPolicy? policy = null, TwinEventExtraction? extraction = null)
    {
        var context = new RuleContext(credentials, policy ?? _catalog.Policy, extraction);
        return Evaluate(context);
    }

    /// <summary>The findings and decision for a prepared context.</summary>
    public AdmissibilityResult Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = new List<Finding>();
        foreach (var rule in _catalog.Rules)
        {
            var check = _checks.Get(rule.Check);
            foreach (var hit in check.Evaluate(context, rule))
            {
                if (hit.Fired)
                {
                    findings.Add(new Finding(rule.Code, rule.Severity, Fill(rule.Message, hit.Arguments), hit.CredentialId, hit.Pointer));
                }
                else if (rule.PassMessage is { } pass)
                {
                    findings.Add(new Finding(rule.Code, FindingSeverity.Pass, Fill(pass, hit.Arguments), hit.CredentialId, hit.Pointer));
                }
            }
        }

        return new AdmissibilityResult(findings);
    }

    // "{name}" placeholders; an unknown name stays as written.
    private static string Fill(string template, IReadOnlyDictionary<string, string> arguments)
    {
        var result = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            result.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            result.Append(arguments.TryGetValue(name, out var value) ? value : template.Substring(open, close - open + 1));
            i = close + 1;
        }

        return result.ToString();
    }
}
