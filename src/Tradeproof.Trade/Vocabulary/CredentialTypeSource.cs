namespace Tradeproof.Trade.Vocabulary;

/// <summary>Where a credential type is defined.</summary>
public enum CredentialTypeSource
{
    /// <summary>The W3C CCG traceability vocabulary (<c>https://w3id.org/traceability/v1</c>), imported unchanged.</summary>
    Traceability,

    /// <summary>Tradeproof's own versioned context (<see cref="TradeContext.Url"/>), for what the vocabulary lacks.</summary>
    Tradeproof,
}
