using System.Text.Json.Nodes;

namespace Tradeproof.Interop.Tests;

/// <summary>The unsigned credentials exchanged in the interop tests, and how each securing mechanism is named.</summary>
internal static class InteropDocuments
{
    /// <summary>The Data Integrity context a VC 1.1 credential needs for <c>DataIntegrityProof</c>.</summary>
    public const string DataIntegrityV2 = "https://w3id.org/security/data-integrity/v2";

    /// <summary>The context an Ed25519Signature2020 proof needs.</summary>
    public const string Ed25519Signature2020V1 = "https://w3id.org/security/suites/ed25519-2020/v1";

    /// <summary>The pointers every ecdsa-sd-2023 disclosure reveals (issuer and subject identity).</summary>
    public static readonly string[] MandatoryPointers = ["/issuer", "/credentialSubject/id"];

    /// <summary>The claims of the mill test report a holder discloses in the selective-disclosure tests.</summary>
    public static readonly string[] SelectivePointers = ["/credentialSubject/heatNumber", "/credentialSubject/countryOfMelt", "/credentialSubject/product/grade"];

    /// <summary>The VC 2.0 mill test report fixture (shared/design/fixtures/mill-test-report.json).</summary>
    public static JsonObject MillTestReport() =>
        Load(Path.Combine(Testing.Conformance.Root, "..", "design", "fixtures", "mill-test-report.json"));

    /// <summary>A VC 1.1 certificate of origin (tests' Data folder; <c>issuanceDate</c>/<c>expirationDate</c>).</summary>
    public static JsonObject CertificateOfOriginV1() =>
        Load(Path.Combine(AppContext.BaseDirectory, "Data", "certificate-of-origin-v1.json"));

    /// <summary>
    /// The mill test report with only the VC 2.0 context (its terms fall to the context's issuer-dependent
    /// <c>@vocab</c>): for the JCS suites, whose Digital Bazaar verifiers compare <c>@context</c> entries by
    /// reference and so reject any inline context object after a JSON round trip (see docs/interop.md).
    /// </summary>
    public static JsonObject MillTestReportUrlContextsOnly()
    {
        var credential = MillTestReport();
        credential["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2");
        return credential;
    }

    /// <summary>The named fixture: <c>mill-test-report</c> (VC 2.0), <c>mill-test-report-url-contexts</c> (VC 2.0,
    /// no inline context) or <c>certificate-of-origin-v1</c> (VC 1.1).</summary>
    public static JsonObject Named(string name) => name switch
    {
        "mill-test-report" => MillTestReport(),
        "mill-test-report-url-contexts" => MillTestReportUrlContextsOnly(),
        "certificate-of-origin-v1" => CertificateOfOriginV1(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown fixture"),
    };

    /// <summary>
    /// The credential ready for a mechanism: VC 1.1 credentials get the Data Integrity context for
    /// <c>DataIntegrityProof</c> suites, and every credential gets the Ed25519Signature2020 context for that suite.
    /// </summary>
    public static JsonObject ForMechanism(JsonObject credential, string mechanism)
    {
        var copy = credential.DeepClone().AsObject();
        var context = copy["@context"]!.AsArray();
        var isV1 = context[0]!.GetValue<string>() == "https://www.w3.org/2018/credentials/v1";
        if (mechanism == "Ed25519Signature2020")
        {
            context.Add(Ed25519Signature2020V1);
        }
        else if (isV1)
        {
            context.Add(DataIntegrityV2);
        }

        return copy;
    }

    /// <summary>
    /// Changes one signed claim (the subject's id, which every mechanism here signs and every disclosure reveals).
    /// </summary>
    public static JsonObject Tampered(JsonObject signed)
    {
        var copy = signed.DeepClone().AsObject();
        copy["credentialSubject"]!.AsObject()["id"] = "urn:tampered:subject";
        return copy;
    }

    private static JsonObject Load(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();
}
