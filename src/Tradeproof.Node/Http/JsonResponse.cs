using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tradeproof.Node;

/// <summary>Writes JSON responses built with a <see cref="Utf8JsonWriter"/> (no reflection), or raw stored bytes.</summary>
internal static class JsonResponse
{
    public static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write, string contentType = "application/json")
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            write(w);
        }

        return WriteBytesAsync(context, status, stream.ToArray(), contentType);
    }

    public static async Task WriteBytesAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? throw new ApiProblemException(ApiProblem.NotFound($"No {name} in the path."));

    public static NodeServices Services(HttpContext context) =>
        (NodeServices)context.RequestServices.GetService(typeof(NodeServices))!;
}
