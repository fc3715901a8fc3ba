namespace Tradeproof.Customs;

/// <summary>
/// The customs single window: intake of traceable presentations, the trust registry, provisional messages, routing
/// to partner government agencies and the G2G exchange.
/// </summary>
public static class CustomsNode
{
    /// <summary>The name of the customs role of a tenant.</summary>
    public const string Role = "customs";
}
