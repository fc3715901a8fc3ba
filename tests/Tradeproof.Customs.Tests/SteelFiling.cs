using Tradeproof.Testing.Steel;

namespace Tradeproof.Customs.Tests;

/// <summary>The steel entry of CBP test area 1: mill test report, USMCA certificate, bill of lading, entry summary.</summary>
internal sealed class SteelFiling : IDisposable
{
    public const string Coil = SteelDocuments.Coil;
    public const string Bill = SteelDocuments.Bill;

    public SteelFiling()
    {
        Mill = Network.Party("Aceros Monterrey S.A. de C.V.", "MX");
        Exporter = Network.Party("Monterrey Steel Export S.A.", "MX");
        Carrier = Network.Party("Kansas City Southern de Mexico", "MX");
        Broker = Network.Party("Border Brokerage Inc.", "US");
        Importer = Network.Party("Great Lakes Steel Imports LLC", "US");
        Forger = Network.Party("Aceros Monterrey S.A. de C.V. ", "MX"); // looks the same, another key
        Cbp = Network.Party("U.S. Customs and Border Protection", "US");
        MexicanCustoms = Network.Party("Agencia Nacional de Aduanas de Mexico", "MX");
    }

    public CustomsNetwork Network { get; } = new();

    public TestParty Mill { get; }

    public TestParty Exporter { get; }

    public TestParty Carrier { get; }

    public TestParty Broker { get; }

    public TestParty Importer { get; }

    public TestParty Forger { get; }

    public TestParty Cbp { get; }

    public TestParty MexicanCustoms { get; }

    public byte[] MillTestReport(TestParty? issuer = null) => Network.Issue(issuer ?? Mill, "MillTestReportCredential", SteelDocuments.MillTestReport(Importer));

    public byte[] UsmcaCertificate() => Network.Issue(Exporter, "USMCACertificationOfOrigin", SteelDocuments.UsmcaCertificate(Exporter, Mill, Importer));

    public byte[] BillOfLading() => Network.Issue(Carrier, "BillOfLadingCredential", SteelDocuments.BillOfLading(Carrier, Mill, Importer));

    public byte[] EntrySummary(string quantity = "48250", int value = 41000, string exporting = "MX") =>
        Network.Issue(Broker, "CBP7501EntrySummaryCredential", SteelDocuments.EntrySummary(Importer, quantity, value, exporting));

    public byte[] ExportDeclaration() =>
        Network.Issue(MexicanCustoms, "ExportDeclarationCredential", tradeContext: true, subject: SteelDocuments.ExportDeclaration(Exporter, Importer));

    public byte[] AeoCertificate(TestParty? issuer = null) =>
        Network.Issue(issuer ?? MexicanCustoms, "AEOCertificateCredential", tradeContext: true, subject: SteelDocuments.AeoCertificate(Exporter, MexicanCustoms));

    /// <summary>The registry of CBP trusting the steel parties for their documents.</summary>
    public Registry.TrustRegistry Registry()
    {
        var now = Network.Clock.Now;
        return Tradeproof.Customs.Registry.TrustRegistry.Empty(Cbp.Did, now)
            .Allow(Mill.Did, ["MillTestReportCredential"], now, ["MX"], ["producer"])
            .Allow(Exporter.Did, ["USMCACertificationOfOrigin"], now, roles: ["exporter"])
            .Allow(Carrier.Did, ["BillOfLadingCredential"], now, roles: ["carrier"])
            .Allow(Broker.Did, ["CBP7501EntrySummaryCredential", "CBP3461EntryCredential"], now, roles: ["broker"])
            .Allow(MexicanCustoms.Did, ["ExportDeclarationCredential"], now, roles: ["customs"])
            .Recognise(new Registry.MutualRecognition(MexicanCustoms.Did, "MX", "OEA Mexico"), now);
    }

    public byte[][] All() => [MillTestReport(), UsmcaCertificate(), BillOfLading(), EntrySummary()];

    public void Dispose() => Network.Dispose();
}
