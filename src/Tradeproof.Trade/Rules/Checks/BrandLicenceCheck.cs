using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// <c>brand-licence</c>: the seller of each branded good (a GTIN) holds a verified
/// IntellectualPropertyRightsLicenseCredential issued by the brand owner (the company prefix licensee). The
/// seller is the <c>seller.id</c> of the invoices and de minimis declarations, else the issuer of the
/// credential naming the GTIN.
/// </summary>
internal sealed class BrandLicenceCheck : IRuleCheck
{
    public string Name => "brand-licence";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        var sellers = context.Verified
            .Where(c => c.Types.Contains("CommercialInvoiceCredential") || c.Types.Contains("CBPSection321DeMinimisCredential"))
            .SelectMany(c => c.Subjects.Select(s => CredentialJson.String(s, "seller", "id")))
            .Where(s => s is not null).Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var (gtin, credential, pointer) in BrandedGoods.Gtins(context))
        {
            var (company, companySubject, _) = BrandedGoods.Chain(context, gtin);
            var owner = company is null ? null : CredentialJson.String(companySubject, "id");
            var candidates = sellers.Count > 0 ? sellers : credential.Issuer is { } i ? [i] : [];
            var licence = owner is null ? null : context.OfType("IntellectualPropertyRightsLicenseCredential").FirstOrDefault(l =>
                l.Issuer == owner && l.Subjects.Any(s => CredentialJson.String(s, "licensee", "id") is { } licensee && candidates.Contains(licensee)));
            yield return RuleHit.Of(licence is null, credential.Id, pointer,
                ("gtin", gtin), ("credential", credential.Id), ("owner", owner ?? "unknown (no company prefix licence)"),
                ("seller", candidates.Count == 0 ? "unknown" : string.Join(", ", candidates)), ("licence", licence?.Id));
        }
    }
}
