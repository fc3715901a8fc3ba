using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Testing.Steel;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The steel scenario (CBP test area 1) for node tests: a Mexican mill's mill test report, the exporter's USMCA
/// certificate, the carrier's bill of lading and the carrier's hand-over to the importer, each signed by its party's
/// did:key (eddsa-jcs-2022) with the node's issuer; and presentations of them signed by a holder with a challenge.
/// </summary>
internal sealed class SteelChain : IDisposable
{
    public const string Coil = SteelDocuments.Coil;
    public const string Heat = SteelDocuments.Heat;
    private static readonly DateTimeOffset Rolled = SteelDocuments.Rolled;
    private readonly NodeServices _services;

    public SteelChain(NodeTestHost node)
        : this(node.Services)
    {
    }

    public SteelChain(NodeServices services)
    {
        _services = services;
        Mill = new TestParty("Aceros Monterrey S.A. de C.V.", "MX", services.Random);
        Exporter = new TestParty("Monterrey Steel Export S.A.", "MX", services.Random);
        Carrier = new TestParty("Kansas City Southern de Mexico", "MX", services.Random);
        Importer = new TestParty("Great Lakes Steel Imports LLC", "US", services.Random);
    }

    public TestParty Mill { get; }

    public TestParty Exporter { get; }

    public TestParty Carrier { get; }

    public TestParty Importer { get; }

    public byte[] MillTestReport() => Issue(Mill, "MillTestReportCredential", SteelDocuments.MillTestReport(Importer), Rolled);

    public byte[] UsmcaCertificate() => Issue(Exporter, "USMCACertificationOfOrigin", SteelDocuments.UsmcaCertificate(Exporter, Mill, Importer), Rolled.AddDays(2));

    public byte[] BillOfLading() => Issue(Carrier, "BillOfLadingCredential", SteelDocuments.BillOfLading(Carrier, Mill, Importer), Rolled.AddDays(4));

    public byte[] HandOver(TestParty from) => Issue(from, "CustodyTransferCredential", SteelDocuments.HandOver(from, Importer), Rolled.AddDays(6), tradeContext: true);

    /// <summary>A TraceablePresentation of the credentials, signed by the importer (the holder) with the challenge.</summary>
    public string Present(string? challenge, string? domain = null, params byte[][] credentials) => Present(Importer, challenge, domain, credentials);

    /// <summary>A TraceablePresentation of the credentials signed by <paramref name="holder"/>.</summary>
    public string Present(TestParty holder, string? challenge, string? domain, params byte[][] credentials)
    {
        var unsigned = new TraceablePresentationBuilder(_services.Random).Build(new TraceablePresentationContent
        {
            Holder = holder.Did,
            Definitions = ["urn:uuid:1f4a5b3e-8b1a-4b52-9a55-0a8f0e2f1c11"],
            Instances = ["urn:uuid:" + Guid.NewGuid().ToString()],
            Credentials = [.. credentials.Select(c => (ReadOnlyMemory<byte>)c)],
        });
        var signed = new TraceablePresentationSigner(_services.Engine).Sign(unsigned, holder.Key, new PresentationSigningOptions
        {
            VerificationMethod = holder.VerificationMethod,
            Challenge = challenge,
            Domain = domain,

            // JCS: the traceability context's scoped contexts exceed the JSON-LD processor's context limit over a whole presentation.
            Cryptosuite = "eddsa-jcs-2022",
        });
        return Encoding.UTF8.GetString(signed);
    }

    public void Dispose()
    {
        Mill.Dispose();
        Exporter.Dispose();
        Carrier.Dispose();
        Importer.Dispose();
    }

    private byte[] Issue(TestParty issuer, string type, string subject, DateTimeOffset validFrom, bool tradeContext = false) =>
        TestCredentials.Sign(_services.Issuer, issuer, TestCredentials.Unsigned(
            issuer, type, JsonNode.Parse(subject)!, tradeContext, id: "urn:uuid:" + Guid.NewGuid().ToString(), validFrom: validFrom, issuerLocation: false));
}
