namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>
/// Credentials embedded in a presentation repeat the presentation's contexts under an active context reset by
/// <c>verifiableCredential</c>'s scoped <c>@context: null</c>: that must hit the context cache, and only real
/// context processing counts against <see cref="JsonLdOptions.MaxContexts"/>.
/// </summary>
public sealed class EmbeddedContextCacheTests
{
    private const string Contexts = """["https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"]""";

    private static string Credential(int i) =>
        "{\"@context\": " + Contexts + ", \"id\": \"urn:uuid:mtr-" + i + "\", \"type\": [\"VerifiableCredential\", \"MillTestReportCredential\"], "
        + "\"issuer\": {\"id\": \"did:web:mill.example\", \"type\": \"Organization\", \"name\": \"Mill " + i + "\"}, \"validFrom\": \"2026-01-01T00:00:00Z\", "
        + "\"credentialSubject\": {\"type\": \"Organization\", \"name\": \"Steel " + i + "\", \"address\": {\"type\": \"PostalAddress\", \"addressCountry\": \"US\"}}}";

    private static string Presentation(int credentials) =>
        "{\"@context\": " + Contexts + ", \"type\": [\"VerifiablePresentation\", \"TraceablePresentation\"], \"holder\": \"did:web:broker.example\", "
        + "\"verifiableCredential\": [" + string.Join(", ", Enumerable.Range(0, credentials).Select(Credential)) + "]}";

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    public void A_presentation_of_traceability_credentials_expands_on_a_cold_cache_in_safe_mode(int credentials)
    {
        var expanded = JsonLdProcessor.Expand(Presentation(credentials), new JsonLdOptions { SafeMode = true });
        Assert.Contains("https://w3id.org/traceability#MillTestReportCredential", expanded, StringComparison.Ordinal);
        Assert.Equal(credentials, CountOf(expanded, "https://www.w3.org/2018/credentials#VerifiableCredential"));
    }

    [Fact]
    public void A_presentation_of_five_traceability_credentials_converts_to_rdf_under_the_default_limit()
    {
        var dataset = JsonLdProcessor.ToRdf(Presentation(5), new JsonLdOptions { SafeMode = true });
        Assert.Contains(dataset, q => q.ToString().Contains("MillTestReportCredential", StringComparison.Ordinal));
    }

    [Fact]
    public void Embedded_credentials_reuse_the_contexts_processed_for_the_presentation()
    {
        // Expanding a presentation of one credential processes the contexts once (cold cache: the presentation's
        // contexts, then the credential's after the null reset hit the cache); every further embedded credential
        // with the same contexts costs nothing more: the limit that admits one admits many.
        var cold = MinimalMaxContexts(Presentation(1));
        var many = MinimalMaxContexts(Presentation(12));
        Assert.InRange(cold, 100, 400);
        Assert.Equal(cold, many);
    }

    [Fact]
    public void Distinct_inline_contexts_in_embedded_credentials_still_count_against_the_limit()
    {
        // Hostile input: every embedded node brings a different inline context; each is real work and counts.
        var nodes = string.Join(", ", Enumerable.Range(0, 50).Select(i => "{\"@context\": {\"t" + i + "\": \"http://ex/" + i + "\"}, \"t" + i + "\": \"x\"}"));
        var json = "{\"@context\": {\"@vocab\": \"http://ex/\"}, \"items\": [" + nodes + "]}";
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, new JsonLdOptions { MaxContexts = 20 }));
        Assert.Equal(JsonLdErrorCode.MaxContextsExceeded, e.Code);
        Assert.Contains("http://ex/49", JsonLdProcessor.Expand(json, new JsonLdOptions { MaxContexts = 60 }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cold_presentation_with_the_traceability_context_is_refused_when_the_limit_is_below_its_real_work()
    {
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(Presentation(5), new JsonLdOptions { MaxContexts = 50 }));
        Assert.Equal(JsonLdErrorCode.MaxContextsExceeded, e.Code);
    }

    private static int MinimalMaxContexts(string json)
    {
        // Smallest MaxContexts (on a fresh cache) with which the document expands.
        int low = 1, high = 4096;
        while (low < high)
        {
            var mid = (low + high) / 2;
            try
            {
                JsonLdProcessor.Expand(json, new JsonLdOptions { MaxContexts = mid });
                high = mid;
            }
            catch (JsonLdException e) when (e.Code == JsonLdErrorCode.MaxContextsExceeded)
            {
                low = mid + 1;
            }
        }

        return low;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
