namespace Tradeproof.Trade.Rules.Checks;

/// <summary><c>gs1-licence-chain</c>: every GTIN presented is covered by a verified company prefix licence, itself licensed by a verified GS1 prefix licence issued to its issuer.</summary>
internal sealed class Gs1LicenceChainCheck : IRuleCheck
{
    public string Name => "gs1-licence-chain";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        foreach (var (gtin, credential, pointer) in BrandedGoods.Gtins(context))
        {
            var (company, companySubject, prefix) = BrandedGoods.Chain(context, gtin);
            var missing = company is null ? "no verified GS1 company prefix licence covers it"
                : prefix is null ? $"the company prefix licence {company.Id} (issued by {company.Issuer}) is not backed by a verified GS1 prefix licence issued to its issuer"
                : null;
            yield return RuleHit.Of(missing is not null, credential.Id, pointer, ("gtin", gtin), ("credential", credential.Id), ("missing", missing),
                ("owner", company is null ? null : Twins.CredentialJson.String(companySubject, "id")));
        }
    }
}
