namespace Tradeproof.Trade.Vocabulary;

/// <summary>The five CBP test areas a credential type serves (docs/vocabulary.md; /work/shared/design/mission.md).</summary>
public enum TradeTestArea
{
    /// <summary>Steel: mill test reports, USMCA origin, SIMA licences, classification.</summary>
    Steel,

    /// <summary>Pipeline oil: origin through resales, quantities, in-bond meter readings.</summary>
    PipelineOil,

    /// <summary>Natural gas: origin, in-bond tracking, prohibited countries.</summary>
    NaturalGas,

    /// <summary>Food and agriculture: FSMA critical tracking events, cold chain, PGA routing.</summary>
    Food,

    /// <summary>E-commerce: de minimis / Section 321, entry type 86, brand and licence chains.</summary>
    ECommerce,
}
