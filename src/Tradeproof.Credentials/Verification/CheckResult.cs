namespace Tradeproof.Credentials.Verification;

/// <summary>The record of one check: its name (<see cref="CheckNames"/>), outcome, why (when skipped, not applicable
/// or worth noting) and its problems (when failed or indeterminate).</summary>
/// <param name="Name">The check (see <see cref="CheckNames"/>).</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Problems">Why it failed or could not complete; empty when passed.</param>
/// <param name="Reason">A note: why it was skipped or not applicable, or what was checked.</param>
public sealed record CheckResult(string Name, CheckOutcome Outcome, IReadOnlyList<Problem> Problems, string? Reason = null)
{
    internal static CheckResult Pass(string name, string? reason = null) => new(name, CheckOutcome.Passed, [], reason);

    internal static CheckResult Fail(string name, IReadOnlyList<Problem> problems) => new(name, CheckOutcome.Failed, problems);

    internal static CheckResult Fail(string name, Problem problem) => new(name, CheckOutcome.Failed, [problem]);

    internal static CheckResult Unknown(string name, IReadOnlyList<Problem> problems) => new(name, CheckOutcome.Indeterminate, problems);

    internal static CheckResult Skip(string name, string reason) => new(name, CheckOutcome.Skipped, [], reason);

    internal static CheckResult NotApplicable(string name, string reason) => new(name, CheckOutcome.NotApplicable, [], reason);
}
