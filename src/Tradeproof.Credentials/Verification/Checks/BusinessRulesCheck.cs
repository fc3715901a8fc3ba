namespace Tradeproof.Credentials.Verification;

/// <summary>Step 12, business rules (security.md): each configured <see cref="ICredentialBusinessCheck"/> (schema of the trade type, code lists, admissibility).</summary>
internal static class BusinessRulesCheck
{
    public static async ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        if (c.IsPresentation || c.Request.IsStatusList)
        {
            return CheckResult.NotApplicable(CheckNames.BusinessRules, c.IsPresentation ? "presentations: each credential's rules are checked" : "a status list credential");
        }

        var checks = c.Options.BusinessChecks;
        if (checks.Count == 0)
        {
            return CheckResult.Skip(CheckNames.BusinessRules, "no business checks configured");
        }

        var context = new BusinessCheckContext(c.Format, c.Party!, c.Types, c.Claims ?? c.Document);
        var problems = new List<Problem>();
        foreach (var check in checks)
        {
            problems.AddRange(await check.CheckAsync(context, cancellationToken).ConfigureAwait(false));
        }

        return problems.Count == 0
            ? CheckResult.Pass(CheckNames.BusinessRules, string.Join(", ", checks.Select(k => k.Name)))
            : CheckResult.Fail(CheckNames.BusinessRules, problems);
    }
}
