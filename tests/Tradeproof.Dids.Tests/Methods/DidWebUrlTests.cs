using System.Net;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids.Tests.Methods;

public class DidWebUrlTests
{
    [Theory]
    [InlineData("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json")]
    [InlineData("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json")]
    [InlineData("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json")]
    [InlineData("did:web:example.com%3a3000", "https://example.com:3000/.well-known/did.json")]
    [InlineData("did:web:Example.COM", "https://example.com/.well-known/did.json")]
    [InlineData("did:web:example.com:a%7Eb", "https://example.com/a~b/did.json")]
    [InlineData("did:web:xn--bcher-kva.example", "https://xn--bcher-kva.example/.well-known/did.json")]
    public void Dids_map_to_their_https_url(string did, string url)
    {
        Assert.Equal(url, DidWeb.ToUrl(Did.Parse(did)).AbsoluteUri);
    }

    [Fact]
    public void Plain_http_only_for_localhost_and_only_when_enabled()
    {
        Assert.Equal("https://localhost:8080/.well-known/did.json", DidWeb.ToUrl(Did.Parse("did:web:localhost%3A8080")).AbsoluteUri);
        Assert.Equal("http://localhost:8080/.well-known/did.json", DidWeb.ToUrl(Did.Parse("did:web:localhost%3A8080"), allowHttpForLocalhost: true).AbsoluteUri);
        Assert.Equal("https://example.com/.well-known/did.json", DidWeb.ToUrl(Did.Parse("did:web:example.com"), allowHttpForLocalhost: true).AbsoluteUri);
    }

    [Theory]
    [InlineData("did:web:127.0.0.1")]
    [InlineData("did:web:127.0.0.1%3A443")]
    [InlineData("did:web:10.1.2.3")]
    [InlineData("did:web:2130706433")]
    [InlineData("did:web:0x7f.1")]
    [InlineData("did:web:127.1")]
    [InlineData("did:web:%5B--1%5D")]
    [InlineData("did:web:%5B%3A%3A1%5D")]
    [InlineData("did:web:example.com:..:admin")]
    [InlineData("did:web:example.com:.")]
    [InlineData("did:web:example.com::a")]
    [InlineData("did:web:example.com:%2E%2E")]
    [InlineData("did:web:example.com:a%2Fb")]
    [InlineData("did:web:example.com:a%5Cb")]
    [InlineData("did:web:example.com:a%00b")]
    [InlineData("did:web:example.com:a%20b")]
    [InlineData("did:web:ex%C3%A4mple.com")]
    [InlineData("did:web:%D0%B0pple.com")]
    [InlineData("did:web:example.com%3A0")]
    [InlineData("did:web:example.com%3A65536")]
    [InlineData("did:web:example.com%3Aabc")]
    [InlineData("did:web:example.com%3A")]
    [InlineData("did:web:-example.com")]
    [InlineData("did:web:example..com")]
    [InlineData("did:web:exa_mple.com")]
    [InlineData("did:web:example.com%2F.well-known")]
    [InlineData("did:web:user%40example.com")]
    public async Task Hostile_dids_are_invalid_before_any_request(string did)
    {
        Assert.Throws<DidSyntaxException>(() => DidWeb.ToUrl(Did.Parse(did)));
        using var web = new DidWebResolver(new DidWebOptions { HostResolver = (_, _) => throw new InvalidOperationException("no lookup expected") });
        var result = await new DidResolver([web]).ResolveAsync(did);
        Assert.Equal(DidErrorCodes.InvalidDid, result.Error);
    }

    [Fact]
    public void Create_builds_dids_with_ports_and_paths()
    {
        Assert.Equal("did:web:example.com", DidWeb.Create("example.com").ToString());
        Assert.Equal("did:web:example.com%3A8443:customs:de", DidWeb.Create("example.com", 8443, "customs", "de").ToString());
        Assert.Throws<ArgumentException>(() => DidWeb.Create("127.0.0.1"));
        Assert.Throws<ArgumentException>(() => DidWeb.Create("example.com", null, ".."));
    }

    [Fact]
    public void Create_document_lists_keys_by_use()
    {
        using var ed = KeyPair.Generate(KeyType.Ed25519);
        using var p256 = KeyPair.Generate(KeyType.P256);
        var did = DidWeb.Create("customs.example");
        var document = DidWeb.CreateDocument(did, [ed.PublicKey, p256.PublicKey, ed.PublicKey.ToX25519()]);
        Assert.Equal(3, document.VerificationMethod.Count);
        Assert.Equal(2, document.AssertionMethod.Count);
        Assert.Equal("did:web:customs.example#key-3", Assert.Single(document.KeyAgreement).Id);
        Assert.Equal(p256.PublicKey, document.FindVerificationMethod("#key-2")!.GetPublicKey());
        Assert.Equal(document.ToJson(), DidDocument.Parse(document.ToJson()).ToJson());
    }

    [Theory]
    [InlineData("93.184.216.34", false, true)]
    [InlineData("8.8.8.8", false, true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", false, true)]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("127.8.9.10", true, true)]
    [InlineData("::1", false, false)]
    [InlineData("::1", true, true)]
    [InlineData("0.0.0.0", true, false)]
    [InlineData("10.0.0.1", true, false)]
    [InlineData("172.16.0.1", false, false)]
    [InlineData("172.31.255.255", false, false)]
    [InlineData("172.32.0.1", false, true)]
    [InlineData("192.168.1.1", false, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("100.64.0.1", false, false)]
    [InlineData("192.0.2.1", false, false)]
    [InlineData("198.18.0.1", false, false)]
    [InlineData("224.0.0.1", false, false)]
    [InlineData("255.255.255.255", false, false)]
    [InlineData("::", false, false)]
    [InlineData("fe80::1", true, false)]
    [InlineData("fc00::1", false, false)]
    [InlineData("fd12:3456::1", false, false)]
    [InlineData("ff02::1", false, false)]
    [InlineData("::ffff:127.0.0.1", false, false)]
    [InlineData("::ffff:10.0.0.1", true, false)]
    [InlineData("::ffff:93.184.216.34", false, true)]
    [InlineData("64:ff9b::a00:1", false, false)]
    [InlineData("64:ff9b::5db8:d822", false, true)]
    [InlineData("2002:a00:1::", false, false)]
    [InlineData("2001:db8::1", false, false)]
    [InlineData("::7f00:1", false, false)]
    public void Address_guard_allows_public_unicast_only(string address, bool allowLoopback, bool allowed)
    {
        Assert.Equal(allowed, AddressGuard.IsAllowed(IPAddress.Parse(address), allowLoopback));
    }
}
