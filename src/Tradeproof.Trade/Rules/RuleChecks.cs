using Tradeproof.Trade.Rules.Checks;

namespace Tradeproof.Trade.Rules;

/// <summary>The check implementations rules may name, by name. <see cref="Default"/> holds the built-in ones.</summary>
public sealed class RuleChecks
{
    private readonly Dictionary<string, IRuleCheck> _checks = new(StringComparer.Ordinal);

    /// <summary>A set of checks; names must be unique.</summary>
    public RuleChecks(IEnumerable<IRuleCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var check in checks)
        {
            if (!_checks.TryAdd(check.Name, check))
            {
                throw new ArgumentException($"Two checks are named {check.Name}.", nameof(checks));
            }
        }
    }

    /// <summary>The built-in checks.</summary>
    public static RuleChecks Default { get; } = new(
    [
        new IssuerVerifiedCheck(),
        new ProhibitedOriginCheck(),
        new UsmcaOriginCheck(),
        new SteelMeltPourCheck(),
        new SteelScrapCheck(),
        new FsmaKeyDataElementsCheck(),
        new TemperatureExcursionCheck(),
        new DeMinimisCheck(),
        new Gs1LicenceChainCheck(),
        new BrandLicenceCheck(),
        new TwinIssueCheck(),
    ]);

    /// <summary>The names of the built-in checks (what a catalogue may refer to).</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(Default._checks.Keys, StringComparer.Ordinal);

    /// <summary>The check with a name; throws <see cref="RuleDataException"/> for an unknown one.</summary>
    public IRuleCheck Get(string name) =>
        _checks.TryGetValue(name, out var check) ? check : throw new RuleDataException($"no check is named '{name}'");
}
