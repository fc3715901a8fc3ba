using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Cryptography;
using Tradeproof.Dids;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The steel scenario (CBP test area 1) for node tests: a Mexican mill's mill test report, the exporter's USMCA
/// certificate, the carrier's bill of lading and the carrier's hand-over to the importer, each signed by its party's
/// did:key (eddsa-jcs-2022) with the node's issuer; and presentations of them signed by a holder with a challenge.
/// </summary>
internal sealed class SteelChain : IDisposable
{
    public const string Coil = "COIL-24-5521-01";
    public const string Heat = "HEAT-24-5521";
    private static readonly DateTimeOffset Rolled = new(2026, 6, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly NodeServices _services;

    public SteelChain(NodeTestHost node)
        : this(node.Services)
    {
    }

    public SteelChain(NodeServices services)
    {
        _services = services;
        Mill = new Party("Aceros Monterrey S.A. de C.V.", "MX", services.Random);
        Exporter = new Party("Monterrey Steel Export S.A.", "MX", services.Random);
        Carrier = new Party("Kansas City Southern de Mexico", "MX", services.Random);
        Importer = new Party("Great Lakes Steel Imports LLC", "US", services.Random);
    }

    public Party Mill { get; }

    public Party Exporter { get; }

    public Party Carrier { get; }

    public Party Importer { get; }

    public byte[] MillTestReport() => Issue(Mill, "MillTestReportCredential", $$"""
        {
          "certificateNumber": "MTR-2026-0042",
          "customer": { "type": ["Organization"], "id": "{{Importer.Did}}", "name": "{{Importer.Name}}" },
          "productSpecification": { "type": ["SteelProduct"], "standard": "ASTM", "grade": "A36", "productDescription": "Hot-rolled steel coil, 6 mm" },
          "inspections": [{
            "type": ["Inspection"],
            "productIdentifier": "{{Coil}}",
            "heatNumber": "{{Heat}}",
            "totalWeight": { "type": ["MeasuredValue"], "value": "48250", "unitCode": "KGM" },
            "countryOfManufacture": "MX",
            "countryOfMeltAndPour": "MX",
            "meltPractice": "EAF"
          }]
        }
        """, Rolled);

    public byte[] UsmcaCertificate() => Issue(Exporter, "USMCACertificationOfOrigin", $$"""
        {
          "type": ["USMCAClaims"],
          "invoiceNumber": "INV-77812",
          "exporterDetails": { "type": ["Organization"], "id": "{{Exporter.Did}}", "name": "{{Exporter.Name}}" },
          "producerDetails": { "type": ["Organization"], "id": "{{Mill.Did}}", "name": "{{Mill.Name}}" },
          "importerDetails": [{ "type": ["Organization"], "id": "{{Importer.Did}}", "name": "{{Importer.Name}}" }],
          "goods": [{ "type": ["USMCAProduct"], "description": "Hot-rolled steel coil", "commodityCode": "720837", "commodityCodeType": "HS", "originCriterion": "B", "countryOfOrigin": "MX", "productIdentifier": "{{Coil}}" }]
        }
        """, Rolled.AddDays(2));

    public byte[] BillOfLading() => Issue(Carrier, "BillOfLadingCredential", $$"""
        {
          "billOfLadingNumber": "KCSM-BOL-88213",
          "carrier": { "type": ["Organization"], "id": "{{Carrier.Did}}", "name": "{{Carrier.Name}}" },
          "consignor": { "type": ["Organization"], "id": "{{Mill.Did}}", "name": "{{Mill.Name}}" },
          "consignee": { "type": ["Organization"], "id": "{{Importer.Did}}", "name": "{{Importer.Name}}" },
          "portOfLoading": { "type": ["Place"], "unLocode": "MXNLD" },
          "portOfDischarge": { "type": ["Place"], "unLocode": "USLRD" },
          "shippedOnBoardDate": "2026-07-02T08:00:00Z",
          "particulars": [{ "marksAndNumbers": "{{Coil}}", "commodity": { "type": ["Commodity"], "commodityCode": "7208.37", "commodityCodeType": "HS", "description": "Hot-rolled coil" } }]
        }
        """, Rolled.AddDays(4));

    public byte[] HandOver(Party from) => Issue(from, "CustodyTransferCredential", $$"""
        {
          "type": ["CustodyTransfer"],
          "transferType": ["custody"],
          "from": { "type": ["Organization"], "id": "{{from.Did}}", "name": "{{from.Name}}" },
          "to": { "type": ["Organization"], "id": "{{Importer.Did}}", "name": "{{Importer.Name}}" },
          "product": { "type": ["Product"], "name": "Hot-rolled steel coil, 6 mm", "htsCode": "7208370030" },
          "lotNumber": "{{Coil}}",
          "quantity": { "type": ["QuantitativeValue"], "value": "48250", "unitCode": "KGM" },
          "transferTime": "2026-07-04T15:00:00Z",
          "place": { "type": ["Place"], "locationName": "Laredo rail yard", "unLocode": "USLRD", "address": { "type": ["PostalAddress"], "addressCountry": "US" } }
        }
        """, Rolled.AddDays(6), tradeContext: true);

    /// <summary>A TraceablePresentation of the credentials, signed by the importer (the holder) with the challenge.</summary>
    public string Present(string? challenge, string? domain = null, params byte[][] credentials) => Present(Importer, challenge, domain, credentials);

    /// <summary>A TraceablePresentation of the credentials signed by <paramref name="holder"/>.</summary>
    public string Present(Party holder, string? challenge, string? domain, params byte[][] credentials)
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

    private byte[] Issue(Party issuer, string type, string subject, DateTimeOffset validFrom, bool tradeContext = false)
    {
        var contexts = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1");
        if (tradeContext)
        {
            contexts.Add("https://tradeproof.dev/contexts/trade/v1");
        }

        var credential = new JsonObject
        {
            ["@context"] = contexts,
            ["id"] = "urn:uuid:" + Guid.NewGuid().ToString(),
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["issuer"] = new JsonObject { ["type"] = new JsonArray("Organization"), ["id"] = issuer.Did, ["name"] = issuer.Name },
            ["validFrom"] = validFrom.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = JsonNode.Parse(subject),
        };
        var issued = _services.Issuer.IssueAsync(Encoding.UTF8.GetBytes(credential.ToJsonString()), issuer.Key, new IssuanceOptions
        {
            VerificationMethod = issuer.VerificationMethod,
            Cryptosuite = "eddsa-jcs-2022",
        }).AsTask().GetAwaiter().GetResult();
        return issued.Utf8.ToArray();
    }

    /// <summary>A party known by its did:key.</summary>
    internal sealed class Party : IDisposable
    {
        public Party(string name, string country, IRandomSource random)
        {
            Name = name;
            Country = country;
            Key = KeyPair.Generate(KeyType.Ed25519, random);
            Did = DidKey.Create(Key.PublicKey).ToString();
            VerificationMethod = Did + "#" + Key.PublicKey.ToMultibase();
        }

        public string Name { get; }

        public string Country { get; }

        public KeyPair Key { get; }

        public string Did { get; }

        public string VerificationMethod { get; }

        public void Dispose() => Key.Dispose();
    }
}
