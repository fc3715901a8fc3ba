using System.Globalization;
using Tradeproof.Rdf;

namespace Tradeproof.Benchmarks.Rdf;

/// <summary>
/// Deterministic credential-shaped RDF datasets, modelled on shared/design/fixtures/mill-test-report.json
/// (a VC 2.0 mill test report: 68 quads, 4 blank nodes for manufacturer, product, chemical composition and
/// mechanical properties). Credential k uses its own IRIs, blank node labels and values, so every blank node
/// has a distinct first-degree hash, as in real credentials. A dataset of n quads holds as many credentials as
/// needed, the last one cut at n quads. Also compiled into the RDF tests (linked file).
/// </summary>
internal static class CredentialDatasets
{
    private const string Cred = "https://www.w3.org/2018/credentials#";
    private const string Vocab = "https://example.org/steel-mtr/vocab#";
    private const string Schema = "https://schema.org/";

    /// <summary>The quads of one credential (68 quads, 4 blank nodes).</summary>
    public static IEnumerable<Quad> Credential(int k)
    {
        var id = new Iri($"urn:uuid:6f1c2a4e-3b7d-4e8a-9c2f-{k:D12}");
        var subject = new Iri($"urn:mtr:GLS-2025-{k:D6}");
        var issuer = new Iri($"did:key:z6MkpWWpCRFMMUXeinVn4Q2a3AVXdf8hCkLim2T8Fg{k:D6}");
        var manufacturer = new BlankNode($"b{k}_0");
        var product = new BlankNode($"b{k}_1");
        var chemistry = new BlankNode($"b{k}_2");
        var mechanical = new BlankNode($"b{k}_3");
        var type = new Iri(RdfVocabulary.RdfType);
        var s = k.ToString(CultureInfo.InvariantCulture);

        yield return new Quad(id, type, new Iri(Cred + "VerifiableCredential"));
        yield return new Quad(id, type, new Iri(Vocab + "MillTestReportCredential"));
        yield return new Quad(id, new Iri(Schema + "name"), Literal.String("Mill Test Report (EN 10204 3.1 Inspection Certificate) " + s));
        yield return new Quad(id, new Iri(Cred + "issuer"), issuer);
        yield return new Quad(issuer, new Iri(Schema + "name"), Literal.String("Great Lakes Steelworks Quality Department"));
        yield return new Quad(id, new Iri(Cred + "validFrom"), new Literal($"2025-03-14T09:{k % 60:D2}:00Z", RdfVocabulary.XsdDateTime));
        yield return new Quad(id, new Iri(Cred + "credentialSubject"), subject);
        yield return new Quad(subject, type, new Iri(Vocab + "MillTestReport"));
        foreach (var (name, value) in new[]
        {
            ("reportNumber", "GLS-MTR-2025-" + s), ("certificateType", "EN 10204:2004 3.1"), ("heatNumber", "H24-" + s),
            ("lotNumber", "L-" + s + "-07"), ("purchaseOrder", "PO-77-" + s), ("customer", "Acme Fabrication LLC"),
            ("meltProcess", "Electric Arc Furnace"), ("refiningProcess", "Ladle Metallurgy Furnace, Vacuum Degassed"),
            ("countryOfMelt", "US"), ("countryOfPour", "US"), ("inspector", "J. Kowalski, Quality Assurance Manager"),
            ("conformityStatement", "The material described herein has been manufactured and tested in accordance with the specification and meets its requirements."),
        })
        {
            yield return new Quad(subject, new Iri(Vocab + name), Literal.String(value));
        }

        foreach (var name in new[] { "meltDate", "pourDate", "testDate" })
        {
            yield return new Quad(subject, new Iri(Vocab + name), new Literal($"2025-03-{1 + (k % 28):D2}", RdfVocabulary.Xsd + "date"));
        }

        yield return new Quad(subject, new Iri(Vocab + "manufacturer"), manufacturer);
        yield return new Quad(subject, new Iri(Vocab + "product"), product);
        yield return new Quad(subject, new Iri(Vocab + "chemicalComposition"), chemistry);
        yield return new Quad(subject, new Iri(Vocab + "mechanicalProperties"), mechanical);

        yield return new Quad(manufacturer, type, new Iri(Vocab + "Manufacturer"));
        foreach (var (name, value) in new[]
        {
            ("name", "Great Lakes Steelworks Inc. " + s), ("streetAddress", "1200 Furnace Road"), ("addressLocality", "Gary"),
            ("addressRegion", "IN"), ("postalCode", "46402"), ("addressCountry", "US"),
        })
        {
            yield return new Quad(manufacturer, new Iri(Vocab + name), Literal.String(value));
        }

        yield return new Quad(manufacturer, new Iri(Vocab + "website"), new Iri("https://steelworks.example.com/" + s));

        yield return new Quad(product, type, new Iri(Vocab + "SteelProduct"));
        yield return new Quad(product, new Iri(Vocab + "description"), Literal.String("Hot-rolled steel coil, pickled and oiled, coil " + s));
        yield return new Quad(product, new Iri(Vocab + "grade"), Literal.String("ASTM A572 Grade 50"));
        yield return new Quad(product, new Iri(Vocab + "specification"), Literal.String("ASTM A572/A572M-21"));
        yield return new Quad(product, new Iri(Vocab + "hsCode"), Literal.String("7208.51"));
        yield return new Quad(product, new Iri(Vocab + "thicknessMm"), Double(12.7));
        yield return new Quad(product, new Iri(Vocab + "widthMm"), Integer(1524));
        yield return new Quad(product, new Iri(Vocab + "netWeightKg"), Integer(24000 + k));
        yield return new Quad(product, new Iri(Vocab + "pieces"), Integer(1));

        yield return new Quad(chemistry, type, new Iri(Vocab + "ChemicalAnalysis"));
        yield return new Quad(chemistry, new Iri(Vocab + "analysisType"), Literal.String("Ladle"));
        yield return new Quad(chemistry, new Iri(Vocab + "unit"), Literal.String("mass percent"));
        foreach (var (name, value) in new[]
        {
            ("C", 0.18), ("Mn", 1.12), ("P", 0.012), ("S", 0.004), ("Si", 0.21), ("Cu", 0.28), ("Ni", 0.09),
            ("Cr", 0.11), ("Mo", 0.03), ("V", 0.045), ("Nb", 0.021),
        })
        {
            yield return new Quad(chemistry, new Iri(Vocab + name), Double(value));
        }

        yield return new Quad(chemistry, new Iri(Vocab + "carbonEquivalent"), Double(0.41 + (k % 100 / 10000.0)));

        yield return new Quad(mechanical, type, new Iri(Vocab + "MechanicalTest"));
        yield return new Quad(mechanical, new Iri(Vocab + "testStandard"), Literal.String("ASTM A370-24"));
        yield return new Quad(mechanical, new Iri(Vocab + "yieldStrengthMPa"), Integer(381 + (k % 50)));
        yield return new Quad(mechanical, new Iri(Vocab + "tensileStrengthMPa"), Integer(512));
        yield return new Quad(mechanical, new Iri(Vocab + "elongationPercent"), Double(24.5));
        yield return new Quad(mechanical, new Iri(Vocab + "gaugeLengthMm"), Integer(50));
        yield return new Quad(mechanical, new Iri(Vocab + "hardnessHBW"), Integer(152));
        yield return new Quad(mechanical, new Iri(Vocab + "charpyImpactJoules"), Integer(68));
        yield return new Quad(mechanical, new Iri(Vocab + "charpyTestTemperatureC"), Integer(-20));
    }

    /// <summary>A dataset of exactly <paramref name="quadCount"/> quads made of credentials 0, 1, 2, ...</summary>
    public static RdfDataset Generate(int quadCount)
    {
        var dataset = new RdfDataset();
        for (var k = 0; dataset.Count < quadCount; k++)
        {
            foreach (var quad in Credential(k))
            {
                if (dataset.Count == quadCount)
                {
                    break;
                }

                dataset.Add(quad);
            }
        }

        return dataset;
    }

    private static Literal Double(double value) =>
        new(value.ToString("0.0##############E0", CultureInfo.InvariantCulture), RdfVocabulary.XsdDouble);

    private static Literal Integer(long value) =>
        new(value.ToString(CultureInfo.InvariantCulture), RdfVocabulary.XsdInteger);
}
