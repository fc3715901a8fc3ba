using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tradeproof.Credentials.Verification;

namespace Tradeproof.Node;

/// <summary>Writes <see cref="ApiProblem"/>s as <c>application/problem+json</c> (RFC 9457 §3).</summary>
public static class ProblemWriter
{
    /// <summary>The problem media type.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>Writes the problem as the response (status, content type, body).</summary>
    public static async Task WriteAsync(HttpContext context, ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = MediaType;
        if (problem.Status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        if (problem.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = ToJson(problem, context.Request.Path.Value);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The problem's JSON (with <c>instance</c> = the request path).</summary>
    public static byte[] ToJson(ApiProblem problem, string? instance)
    {
        ArgumentNullException.ThrowIfNull(problem);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("type", problem.Type);
            w.WriteString("title", problem.Title);
            w.WriteNumber("status", problem.Status);
            if (problem.Detail is not null)
            {
                w.WriteString("detail", problem.Detail);
            }

            if (instance is not null)
            {
                w.WriteString("instance", instance);
            }

            if (problem.OAuthError is not null)
            {
                w.WriteString("error", problem.OAuthError);
                if (problem.Detail is not null)
                {
                    w.WriteString("error_description", problem.Detail);
                }
            }

            if (problem.Problems.Count > 0)
            {
                w.WriteStartArray("problems");
                foreach (var p in problem.Problems)
                {
                    VerificationResultJson.WriteProblem(w, p);
                }

                w.WriteEndArray();
            }

            problem.Extensions?.Invoke(w);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }
}
