namespace Tradeproof.Dids.Tests.Syntax;

public class DidSyntaxTests
{
    [Theory]
    [InlineData("did:example:123456789abcdefghi", "example", "123456789abcdefghi")]
    [InlineData("did:web:example.com%3A3000:user:alice", "web", "example.com%3A3000:user:alice")]
    [InlineData("did:web:example.com%3a3000", "web", "example.com%3A3000")]
    [InlineData("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "key", "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")]
    [InlineData("did:a1:b::c", "a1", "b::c")]
    [InlineData("did:x:_.-", "x", "_.-")]
    public void Valid_dids_parse_and_normalise(string text, string method, string id)
    {
        var did = Did.Parse(text);
        Assert.Equal(method, did.Method);
        Assert.Equal(id, did.MethodSpecificId);
        Assert.Equal("did:" + method + ":" + id, did.ToString());
        Assert.True(Did.TryParse(text, out var again));
        Assert.Equal(did, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("did:")]
    [InlineData("did:web")]
    [InlineData("did:web:")]
    [InlineData("did:Web:example.com")]
    [InlineData("DID:web:example.com")]
    [InlineData("did:web:example.com:")]
    [InlineData("did:web:exa mple.com")]
    [InlineData("did:web:%zz")]
    [InlineData("did:web:%4")]
    [InlineData("did:web:ex\u00e4mple.com")]
    [InlineData("did:web:example.com/path")]
    [InlineData("did:web:example.com#frag")]
    [InlineData("did:-:x")]
    [InlineData("urn:web:example.com")]
    public void Invalid_dids_are_refused_with_invalidDid(string text)
    {
        var e = Assert.Throws<DidSyntaxException>(() => Did.Parse(text));
        Assert.Equal(DidErrorCodes.InvalidDid, e.Code);
        Assert.False(Did.TryParse(text, out _));
    }

    [Fact]
    public void Very_long_dids_are_refused()
    {
        Assert.False(Did.TryParse("did:x:" + new string('a', 10_000), out _));
    }

    [Theory]
    [InlineData("did:example:123/path/to?service=files&x=1#key-1", "/path/to", "service=files&x=1", "key-1")]
    [InlineData("did:example:123#key-1", "", null, "key-1")]
    [InlineData("did:example:123?versionId=1", "", "versionId=1", null)]
    [InlineData("did:example:123/", "/", null, null)]
    [InlineData("did:example:123#", "", null, "")]
    [InlineData("did:example:123/a%2fb?q=%7e#f/?:@", "/a%2Fb", "q=%7E", "f/?:@")]
    public void Did_urls_split_into_path_query_and_fragment(string text, string path, string? query, string? fragment)
    {
        var url = DidUrl.Parse(text);
        Assert.Equal("did:example:123", url.Did.ToString());
        Assert.Equal(path, url.Path);
        Assert.Equal(query, url.Query);
        Assert.Equal(fragment, url.Fragment);
        Assert.False(url.IsDid);
        Assert.Equal(url, DidUrl.Parse(url.ToString()));
    }

    [Theory]
    [InlineData("did:example:123#a b", "invalidDidUrl")]
    [InlineData("did:example:123#a#b", "invalidDidUrl")]
    [InlineData("did:example:123/a[b]", "invalidDidUrl")]
    [InlineData("did:example:123?%g0", "invalidDidUrl")]
    [InlineData("did:EXAMPLE:123#a", "invalidDid")]
    [InlineData("#key-1", "invalidDid")]
    public void Invalid_did_urls_carry_their_code(string text, string code)
    {
        var e = Assert.Throws<DidSyntaxException>(() => DidUrl.Parse(text));
        Assert.Equal(code, e.Code);
        Assert.False(DidUrl.TryParse(text, out _));
    }

    [Fact]
    public void Relative_references_resolve_against_the_did()
    {
        var did = Did.Parse("did:example:123");
        Assert.Equal("did:example:123#key-1", DidUrl.Resolve("#key-1", did).ToString());
        Assert.Equal("did:example:123?service=x", DidUrl.Resolve("?service=x", did).ToString());
        Assert.Equal("did:example:123/p", DidUrl.Resolve("/p", did).ToString());
        Assert.Equal("did:other:9#k", DidUrl.Resolve("did:other:9#k", did).ToString());
        Assert.True(DidUrl.Parse("did:example:123").IsDid);
        Assert.Equal("did:example:123#k2", DidUrl.Parse("did:example:123#k1").WithFragment("k2").ToString());
    }
}
