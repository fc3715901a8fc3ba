namespace Tradeproof.Trade.Twins;

/// <summary>
/// Derives twin events from one family of verified credentials (mill test reports, bills of lading, FSMA
/// critical tracking events...). An extractor reads what is there and skips what is missing or malformed;
/// it never throws on a credential's content.
/// </summary>
public interface ITwinEventExtractor
{
    /// <summary>The credential types (the <c>type</c> values) this extractor reads.</summary>
    IReadOnlyList<string> CredentialTypes { get; }

    /// <summary>The events the credential states. Called only for verified credentials of one of <see cref="CredentialTypes"/>.</summary>
    IEnumerable<TwinEvent> Extract(ReceivedCredential credential);
}
