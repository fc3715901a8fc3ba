using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules;

/// <summary>What rules are evaluated against: the presentation's credentials (each with its verification outcome), the twins projected from the verified ones, and the policy.</summary>
public sealed class RuleContext
{
    /// <summary>Creates the context, projecting the twins from the verified credentials.</summary>
    public RuleContext(IReadOnlyList<ReceivedCredential> credentials, AdmissibilityPolicy policy, TwinEventExtraction? extraction = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(policy);
        Credentials = credentials;
        Policy = policy;
        Twins = new TwinIndex();
        Twins.AddCredentials(credentials, extraction);
    }

    /// <summary>Every credential presented, verified or not.</summary>
    public IReadOnlyList<ReceivedCredential> Credentials { get; }

    /// <summary>The credentials that verified (the only ones a rule may rely on for evidence).</summary>
    public IEnumerable<ReceivedCredential> Verified => Credentials.Where(c => c.Verified);

    /// <summary>The verified credentials of a type.</summary>
    public IEnumerable<ReceivedCredential> OfType(string type) => Verified.Where(c => c.Types.Contains(type));

    /// <summary>The twins of every identifier the verified credentials name.</summary>
    public TwinIndex Twins { get; }

    /// <summary>The policy.</summary>
    public AdmissibilityPolicy Policy { get; }
}
