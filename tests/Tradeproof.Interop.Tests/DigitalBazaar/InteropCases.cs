namespace Tradeproof.Interop.Tests.DigitalBazaar;

/// <summary>The credential × securing mechanism × key type cases run in both directions.</summary>
public static class InteropCases
{
    /// <summary>
    /// Every case that verifies in both stacks: both fixtures, every mechanism Digital Bazaar publishes on npm for
    /// them; the JCS suites on the mill test report without its inline context (Digital Bazaar's JCS verifiers
    /// reject inline contexts once parsed from JSON, see <see cref="DigitalBazaarToTradeproofTests"/>).
    /// </summary>
    public static TheoryData<string, string, string> Credentials() => new()
    {
        { "mill-test-report", "eddsa-rdfc-2022", "Ed25519" },
        { "mill-test-report", "ecdsa-rdfc-2019", "P-256" },
        { "mill-test-report", "ecdsa-rdfc-2019", "P-384" },
        { "mill-test-report-url-contexts", "eddsa-jcs-2022", "Ed25519" },
        { "mill-test-report-url-contexts", "ecdsa-jcs-2019", "P-256" },
        { "mill-test-report-url-contexts", "ecdsa-jcs-2019", "P-384" },
        { "mill-test-report", "Ed25519Signature2020", "Ed25519" },
        { "certificate-of-origin-v1", "eddsa-rdfc-2022", "Ed25519" },
        { "certificate-of-origin-v1", "ecdsa-rdfc-2019", "P-256" },
        { "certificate-of-origin-v1", "Ed25519Signature2020", "Ed25519" },
    };

    /// <summary>JCS cases whose credentials carry an inline context: they verify in Tradeproof whoever issued them.</summary>
    public static TheoryData<string, string, string> JcsWithInlineContexts() => new()
    {
        { "mill-test-report", "eddsa-jcs-2022", "Ed25519" },
        { "mill-test-report", "ecdsa-jcs-2019", "P-256" },
        { "certificate-of-origin-v1", "eddsa-jcs-2022", "Ed25519" },
    };

    /// <summary>The mechanisms presentations are signed with in both directions.</summary>
    public static TheoryData<string, string> Presentations() => new()
    {
        { "eddsa-rdfc-2022", "Ed25519" },
        { "ecdsa-rdfc-2019", "P-256" },
    };
}
