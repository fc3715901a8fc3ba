namespace Tradeproof.Trade.Rules;

/// <summary>How a finding weighs on the decision. Serialised lower case (pass, warn, fail).</summary>
public enum FindingSeverity
{
    /// <summary>The rule was checked and holds.</summary>
    Pass,

    /// <summary>Worth a look; does not make the goods inadmissible.</summary>
    Warn,

    /// <summary>The goods are not admissible as presented.</summary>
    Fail,
}
