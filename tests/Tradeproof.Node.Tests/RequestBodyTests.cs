using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Tradeproof.Node.Tests;

/// <summary>
/// Request bodies are read the same way with a declared length (straight into an array of that size) and without one
/// (chunked: a growing buffer): the same bytes reach the endpoint, and the limit is 413 either way.
/// </summary>
public sealed class RequestBodyTests
{
    private const string Issue = "/organizations/acme/credentials/issue";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_with_or_without_a_declared_length_is_read_whole(bool declared)
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        // Longer than one read of either path (8 KiB), so that the declared-length path fills its array in pieces.
        var name = new string('n', 20_000);
        var response = await SendAsync(node, token, "{\"credential\":" + NodeTestHost.Credential(name) + "}", declared);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(name, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_413_with_or_without_a_declared_length(bool declared)
    {
        await using var node = await NodeTestHost.StartAsync(o => o with { MaxRequestBodyBytes = 4096 });
        var token = await node.TenantWithTokenAsync("acme");
        var response = await SendAsync(node, token, "{\"credential\":" + NodeTestHost.Credential(new string('x', 9000)) + "}", declared);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued));
    }

    [Fact]
    public async Task An_empty_body_with_a_declared_length_of_zero_is_a_400_problem()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var response = await SendAsync(node, token, string.Empty, declared: true);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> SendAsync(NodeTestHost node, string token, string json, bool declared)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Issue, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = declared ? new ByteArrayContent(bytes) : new UnsizedContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (declared)
        {
            Assert.Equal(bytes.Length, request.Content.Headers.ContentLength);
        }

        return await node.Client.SendAsync(request);
    }

    // A body whose length is not known before it is sent (chunked), written in small pieces.
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < bytes.Length; i += 1000)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(1000, bytes.Length - i)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
