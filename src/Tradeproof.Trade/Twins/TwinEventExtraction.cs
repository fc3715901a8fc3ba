using Tradeproof.Trade.Twins.Extractors;

namespace Tradeproof.Trade.Twins;

/// <summary>
/// The front door from credentials to events: picks the extractors by credential type and runs them over
/// verified credentials only (an unverified credential gives no event). <see cref="Default"/> knows every
/// family Tradeproof reads; add your own with the constructor.
/// </summary>
public sealed class TwinEventExtraction
{
    private readonly Dictionary<string, List<ITwinEventExtractor>> _byType = new(StringComparer.Ordinal);

    /// <summary>An extraction over the given extractors.</summary>
    public TwinEventExtraction(IEnumerable<ITwinEventExtractor> extractors)
    {
        ArgumentNullException.ThrowIfNull(extractors);
        foreach (var extractor in extractors)
        {
            foreach (var type in extractor.CredentialTypes)
            {
                if (!_byType.TryGetValue(type, out var list))
                {
                    _byType[type] = list = [];
                }

                list.Add(extractor);
            }
        }
    }

    /// <summary>The built-in extractors: steel, transport documents, invoices and packing lists, oil and gas, FSMA, custody, in-bond, readings, CBP entries.</summary>
    public static TwinEventExtraction Default { get; } = new(
    [
        new MillTestReportExtractor(),
        new CertificationOfOriginExtractor(),
        new BillOfLadingExtractor(),
        new InvoiceAndPackingListExtractor(),
        new OilAndGasExtractor(),
        new FsmaExtractor(),
        new CustodyTransferExtractor(),
        new InBondMovementExtractor(),
        new ReadingExtractor(),
        new CustomsDeclarationExtractor(),
    ]);

    /// <summary>The credential types some extractor reads.</summary>
    public IEnumerable<string> KnownTypes => _byType.Keys;

    /// <summary>The events of a credential: none when it did not verify or no extractor knows its type.</summary>
    public IReadOnlyList<TwinEvent> Extract(ReceivedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!credential.Verified || credential.Json.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return [];
        }

        var events = new List<TwinEvent>();
        var seen = new HashSet<ITwinEventExtractor>();
        foreach (var type in credential.Types)
        {
            if (_byType.TryGetValue(type, out var extractors))
            {
                foreach (var extractor in extractors.Where(seen.Add))
                {
                    events.AddRange(extractor.Extract(credential));
                }
            }
        }

        return events;
    }
}
