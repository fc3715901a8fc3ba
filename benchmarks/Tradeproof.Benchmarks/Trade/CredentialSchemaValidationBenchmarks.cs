using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Benchmarks.Trade;

/// <summary>
/// Schema validation of trade credentials through the catalogue (docs/vocabulary.md): the upstream traceability
/// examples of a mill test report and a bill of lading against their imported schemas ($refs into the common classes),
/// and one of our own types. The catalogue is warm (schemas compiled in setup). Target: under 50 µs per credential.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CredentialSchemaValidationBenchmarks
{
    private CredentialTypeCatalog _catalog = null!;
    private JsonElement _millTestReport;
    private JsonElement _billOfLading;
    private JsonElement _custodyTransfer;
    private byte[] _millTestReportBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _catalog = CredentialTypeCatalog.Default;
        _millTestReport = _catalog.Find("MillTestReportCredential")!.Example;
        _billOfLading = _catalog.Find("BillOfLadingCredential")!.Example;
        _custodyTransfer = _catalog.Find("CustodyTransferCredential")!.Example;
        _millTestReportBytes = System.Text.Encoding.UTF8.GetBytes(_millTestReport.GetRawText());
        if (!_catalog.Validate(_millTestReport).IsValid || !_catalog.Validate(_billOfLading).IsValid || !_catalog.Validate(_custodyTransfer).IsValid)
        {
            throw new InvalidOperationException("An example does not satisfy its schema.");
        }
    }

    [Benchmark(Baseline = true, Description = "Validate mill test report (traceability)")]
    public bool MillTestReport() => _catalog.Validate(_millTestReport).IsValid;

    [Benchmark(Description = "Validate bill of lading (traceability)")]
    public bool BillOfLading() => _catalog.Validate(_billOfLading).IsValid;

    [Benchmark(Description = "Validate custody transfer (ours)")]
    public bool CustodyTransfer() => _catalog.Validate(_custodyTransfer).IsValid;

    [Benchmark(Description = "JsonDocument.Parse mill test report (for scale)")]
    public int ParseMillTestReport()
    {
        using var document = JsonDocument.Parse(_millTestReportBytes);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark(Description = "Parse + validate mill test report (UTF-8 bytes)")]
    public bool MillTestReportFromBytes() => _catalog.Validate(_millTestReportBytes).IsValid;
}
