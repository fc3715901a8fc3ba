namespace Tradeproof.Trade.Rules;

/// <summary>The overall decision of a rules check.</summary>
public enum AdmissibilityDecision
{
    /// <summary>No rule failed and none warned.</summary>
    Admissible,

    /// <summary>No rule failed; some warned: admissible, with something to review.</summary>
    AdmissibleWithWarnings,

    /// <summary>At least one rule failed.</summary>
    NotAdmissible,
}

/// <summary>The findings of every rule and the decision they add up to.</summary>
public sealed class AdmissibilityResult
{
    /// <summary>Creates the result; the decision follows from the findings.</summary>
    public AdmissibilityResult(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        Findings = findings;
        Decision = findings.Any(f => f.Severity == FindingSeverity.Fail) ? AdmissibilityDecision.NotAdmissible
            : findings.Any(f => f.Severity == FindingSeverity.Warn) ? AdmissibilityDecision.AdmissibleWithWarnings
            : AdmissibilityDecision.Admissible;
    }

    /// <summary>Every finding, in catalogue order.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The decision.</summary>
    public AdmissibilityDecision Decision { get; }

    /// <summary>True unless some rule failed.</summary>
    public bool IsAdmissible => Decision != AdmissibilityDecision.NotAdmissible;

    /// <summary>The findings that failed.</summary>
    public IEnumerable<Finding> Failures => Findings.Where(f => f.Severity == FindingSeverity.Fail);

    /// <summary>True when a finding with the code and severity exists.</summary>
    public bool Has(string code, FindingSeverity severity) => Findings.Any(f => f.Code == code && f.Severity == severity);
}
