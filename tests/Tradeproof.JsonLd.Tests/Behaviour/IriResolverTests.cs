using Tradeproof.JsonLd.Iris;

namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>RFC 3986 §5.4 reference resolution examples (vectors), plus IRIs that System.Uri would alter.</summary>
public sealed class IriResolverTests
{
    private const string Base = "http://a/b/c/d;p?q";

    [Theory]
    [InlineData("g:h", "g:h")]
    [InlineData("g", "http://a/b/c/g")]
    [InlineData("./g", "http://a/b/c/g")]
    [InlineData("g/", "http://a/b/c/g/")]
    [InlineData("/g", "http://a/g")]
    [InlineData("//g", "http://g")]
    [InlineData("?y", "http://a/b/c/d;p?y")]
    [InlineData("g?y", "http://a/b/c/g?y")]
    [InlineData("#s", "http://a/b/c/d;p?q#s")]
    [InlineData("g#s", "http://a/b/c/g#s")]
    [InlineData("g?y#s", "http://a/b/c/g?y#s")]
    [InlineData(";x", "http://a/b/c/;x")]
    [InlineData("g;x", "http://a/b/c/g;x")]
    [InlineData("g;x?y#s", "http://a/b/c/g;x?y#s")]
    [InlineData("", "http://a/b/c/d;p?q")]
    [InlineData(".", "http://a/b/c/")]
    [InlineData("./", "http://a/b/c/")]
    [InlineData("..", "http://a/b/")]
    [InlineData("../", "http://a/b/")]
    [InlineData("../g", "http://a/b/g")]
    [InlineData("../..", "http://a/")]
    [InlineData("../../", "http://a/")]
    [InlineData("../../g", "http://a/g")]
    [InlineData("../../../g", "http://a/g")]
    [InlineData("../../../../g", "http://a/g")]
    [InlineData("/./g", "http://a/g")]
    [InlineData("/../g", "http://a/g")]
    [InlineData("g.", "http://a/b/c/g.")]
    [InlineData(".g", "http://a/b/c/.g")]
    [InlineData("g..", "http://a/b/c/g..")]
    [InlineData("..g", "http://a/b/c/..g")]
    [InlineData("./../g", "http://a/b/g")]
    [InlineData("./g/.", "http://a/b/c/g/")]
    [InlineData("g/./h", "http://a/b/c/g/h")]
    [InlineData("g/../h", "http://a/b/c/h")]
    [InlineData("g;x=1/./y", "http://a/b/c/g;x=1/y")]
    [InlineData("g;x=1/../y", "http://a/b/c/y")]
    [InlineData("g?y/./x", "http://a/b/c/g?y/./x")]
    [InlineData("g?y/../x", "http://a/b/c/g?y/../x")]
    [InlineData("g#s/./x", "http://a/b/c/g#s/./x")]
    [InlineData("g#s/../x", "http://a/b/c/g#s/../x")]
    [InlineData("http:g", "http:g")]
    public void Rfc3986_examples_resolve(string reference, string expected) =>
        Assert.Equal(expected, IriResolver.Resolve(Base, reference));

    [Theory]
    [InlineData("HTTP://Example.COM:80/%7efoo/ä")]
    [InlineData("urn:uuid:6F1C2A4E-3B7D")]
    [InlineData("did:key:z6MkpWWpCRFMMUXeinVn4Q2a3AVXdf8hCkLim2T8FgcV38Y7")]
    public void Absolute_iris_are_kept_exactly(string iri) => Assert.Equal(iri, IriResolver.Resolve(Base, iri));

    [Theory]
    [InlineData("http://a/b/c/d", "http://a/b/c/e", "e")]
    [InlineData("http://a/b/c/d", "http://a/b/x/y", "../x/y")]
    [InlineData("http://a/b/c/d", "http://a/b/c/d#f", "#f")]
    [InlineData("http://a/b/c/d", "https://other/x", "https://other/x")]
    public void Relativize_gives_references_that_resolve_back(string baseIri, string iri, string expected)
    {
        var relative = IriResolver.Relativize(baseIri, iri);
        Assert.Equal(expected, relative);
        Assert.Equal(iri, IriResolver.Resolve(baseIri, relative));
    }
}
