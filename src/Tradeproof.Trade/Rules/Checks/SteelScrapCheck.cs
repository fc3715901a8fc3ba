namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// <c>steel-scrap</c>: goods declared as ferrous waste and scrap (HS heading 7204, parameter <c>scrapHeadings</c>)
/// while the chain shows a finished steel product (a mill test report, or an HS code of chapter 72/73 other than
/// scrap for the same presentation) are misclassified, and the reverse: product declared as steel, shipped as scrap.
/// </summary>
internal sealed class SteelScrapCheck : IRuleCheck
{
    private static readonly HashSet<string> CodeMembers = new(StringComparer.Ordinal) { "commodityCode", "hsCode", "htsCode", "htsusNumber", "commodity" };

    public string Name => "steel-scrap";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        var scrapHeadings = rule.ListParameter("scrapHeadings") is { Count: > 0 } list ? list : ["7204"];
        var declared = new List<(string CredentialId, string? Type, string Pointer, string Code)>();
        foreach (var credential in context.Verified)
        {
            foreach (var (pointer, value) in JsonWalk.Members(credential.Json, CodeMembers.Contains))
            {
                if (value.ValueKind != System.Text.Json.JsonValueKind.String)
                {
                    continue; // an object's commodityCode member is visited on its own
                }

                if (JsonWalk.Text(value) is { } code && JsonWalk.Digits(code) is { Length: >= 4 } digits)
                {
                    declared.Add((credential.Id ?? "(no id)", credential.PrimaryType, pointer, digits));
                }
            }
        }

        var isScrap = (string digits) => scrapHeadings.Any(h => digits.StartsWith(h, StringComparison.Ordinal));
        var isSteelProduct = (string digits) => (digits.StartsWith("72", StringComparison.Ordinal) || digits.StartsWith("73", StringComparison.Ordinal)) && !isScrap(digits);
        var reports = context.OfType("MillTestReportCredential").ToList();
        var scrap = declared.Where(d => isScrap(d.Code)).ToList();
        var products = declared.Where(d => isSteelProduct(d.Code)).ToList();
        if (scrap.Count == 0 && products.Count == 0 && reports.Count == 0)
        {
            yield break;
        }

        if (scrap.Count == 0 || (products.Count == 0 && reports.Count == 0))
        {
            yield return RuleHit.Of(false, null, null, ("count", declared.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            yield break;
        }

        var evidence = products.Count > 0
            ? $"{products[0].Type} {products[0].CredentialId} declares {products[0].Code}"
            : $"mill test report {reports[0].Id} describes a finished product";
        foreach (var (credentialId, type, pointer, code) in scrap)
        {
            yield return RuleHit.Of(true, credentialId, pointer, ("code", code), ("type", type), ("credential", credentialId), ("evidence", evidence));
        }
    }
}
