namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>Paths of the shared design fixtures (../shared/design/fixtures beside the repository).</summary>
internal static class Fixtures
{
    public static string MillTestReport { get; } =
        Path.GetFullPath(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "..", "shared", "design", "fixtures", "mill-test-report.json"));
}

/// <summary>An in-memory loader for tests: URL -> JSON text; counts the loads.</summary>
internal sealed class InMemoryLoader : Tradeproof.JsonLd.Loading.IDocumentLoader
{
    private readonly Dictionary<string, string> _documents;

    public InMemoryLoader(Dictionary<string, string> documents) => _documents = documents;

    public int Loads { get; private set; }

    public Tradeproof.JsonLd.Loading.RemoteDocument LoadDocument(string url, Tradeproof.JsonLd.Loading.LoadDocumentOptions? options = null)
    {
        Loads++;
        return _documents.TryGetValue(url, out var text)
            ? new Tradeproof.JsonLd.Loading.RemoteDocument(url, System.Text.Encoding.UTF8.GetBytes(text))
            : throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, url);
    }
}
