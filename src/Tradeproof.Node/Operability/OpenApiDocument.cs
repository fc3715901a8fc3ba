using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tradeproof.Node;

/// <summary>
/// <c>GET /openapi.json</c>: the node's OpenAPI 3.1 document, maintained by hand in <c>Operability/openapi.json</c> and
/// embedded (the handlers read <see cref="HttpContext"/> themselves, so nothing could be generated from them); a test
/// checks that every mapped route is documented and every documented path is mapped.
/// </summary>
public static class OpenApiDocument
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("Tradeproof.Node.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The document's bytes (UTF-8 JSON).</summary>
    public static ReadOnlyMemory<byte> Bytes => Document.Value;

    internal static void Map(IEndpointRouteBuilder app) => app.MapGet("/openapi.json", async context =>
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Document.Value.Length;
        await context.Response.Body.WriteAsync(Document.Value, context.RequestAborted).ConfigureAwait(false);
    });
}
