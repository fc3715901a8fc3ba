namespace Tradeproof.Demo;

/// <summary>
/// <c>tradeproof demo</c>: a network of nodes on localhost (producers, carrier, broker, CBP, agencies, a foreign
/// customs authority) running the five test areas and the 2025 phases end to end over real HTTP.
/// </summary>
public static class DemoNetwork
{
    /// <summary>The scenario that runs every other.</summary>
    public const string AllScenarios = "all";
}
