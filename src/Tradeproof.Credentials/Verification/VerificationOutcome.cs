namespace Tradeproof.Credentials.Verification;

/// <summary>The verdict on a credential or presentation.</summary>
public enum VerificationOutcome
{
    /// <summary>Every check that applies ran and passed.</summary>
    Valid,

    /// <summary>At least one check failed: the input is not to be trusted.</summary>
    Invalid,

    /// <summary>
    /// Nothing failed, but something could not be checked (a DID document or status list unreachable, no status
    /// source configured): "could not check", never valid.
    /// </summary>
    Indeterminate,
}

/// <summary>What happened to one check of the pipeline.</summary>
public enum CheckOutcome
{
    /// <summary>The check ran and passed.</summary>
    Passed,

    /// <summary>The check ran and failed (its problems say why).</summary>
    Failed,

    /// <summary>The check could not be completed (e.g. a resource was unreachable); never a pass.</summary>
    Indeterminate,

    /// <summary>The check was not run (see <see cref="CheckResult.Reason"/>: an earlier check failed, or it is not configured).</summary>
    Skipped,

    /// <summary>The check does not concern this kind of input (e.g. challenge and domain for a credential).</summary>
    NotApplicable,
}
