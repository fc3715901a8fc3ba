using System.Globalization;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary><c>steel-melt-pour</c>: every inspected product of every mill test report states its country of melt and pour.</summary>
internal sealed class SteelMeltPourCheck : IRuleCheck
{
    public string Name => "steel-melt-pour";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        foreach (var report in context.OfType("MillTestReportCredential"))
        {
            var subjects = report.Subjects;
            for (var s = 0; s < subjects.Count; s++)
            {
                var inspections = CredentialJson.Objects(subjects[s], "inspections");
                for (var i = 0; i < inspections.Count; i++)
                {
                    var inspection = inspections[i];
                    var country = CredentialJson.String(inspection, OriginKinds.CountryOfMeltAndPour);
                    var product = CredentialJson.String(inspection, "productIdentifier") ?? CredentialJson.String(inspection, "heatNumber") ?? $"inspection {i}";
                    yield return RuleHit.Of(country is null, report.Id, $"{JsonWalk.SubjectPointer(report.Json, s)}/inspections/{i.ToString(CultureInfo.InvariantCulture)}/countryOfMeltAndPour",
                        ("product", product), ("heat", CredentialJson.String(inspection, "heatNumber")), ("country", country), ("credential", report.Id));
                }

                if (inspections.Count == 0)
                {
                    yield return RuleHit.Of(true, report.Id, $"{JsonWalk.SubjectPointer(report.Json, s)}/inspections", ("product", "(no inspection)"), ("heat", null), ("country", null), ("credential", report.Id));
                }
            }
        }
    }
}
