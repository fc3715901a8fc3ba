using System.Text.Json;
using Tradeproof.Credentials;

namespace Tradeproof.Node;

/// <summary>
/// An RFC 9457 problem: <c>type</c> (a stable URI), <c>title</c>, <c>status</c>, <c>detail</c>, and extension members
/// (the verification checks, OAuth's <c>error</c>). Thrown by endpoint code as <see cref="ApiProblemException"/> and
/// written by <see cref="ProblemWriter"/>.
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Type">The problem type URI.</param>
/// <param name="Title">A short summary of the problem type.</param>
/// <param name="Detail">What happened in this occurrence.</param>
public sealed record ApiProblem(int Status, string Type, string Title, string? Detail = null)
{
    /// <summary>The base of Tradeproof's own problem type URIs.</summary>
    public const string TypeBase = "https://tradeproof.dev/problems/";

    /// <summary>OAuth 2.0 error code (RFC 6749 §5.2), written as <c>error</c>.</summary>
    public string? OAuthError { get; init; }

    /// <summary>Credential problems (VC DM 2.0 §7.1 types), written as <c>problems</c>.</summary>
    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>Writes further extension members (e.g. the verification result).</summary>
    public Action<Utf8JsonWriter>? Extensions { get; init; }

    /// <summary>When set, the response's <c>Retry-After</c> in seconds (RFC 9110 section 10.2.3): try again later.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>400: the request is malformed.</summary>
    public static ApiProblem BadRequest(string detail) => new(400, TypeBase + "bad-request", "The request is malformed.", detail);

    /// <summary>401: no valid access token.</summary>
    public static ApiProblem Unauthorized(string detail) => new(401, TypeBase + "unauthorized", "An access token is required.", detail);

    /// <summary>403: the token lacks the scope.</summary>
    public static ApiProblem Forbidden(string scope) => new(403, TypeBase + "insufficient-scope", "The access token lacks the scope this endpoint needs.", $"The scope '{scope}' is required.");

    /// <summary>404: not found (also another tenant's data, never revealed as existing).</summary>
    public static ApiProblem NotFound(string detail) => new(404, TypeBase + "not-found", "Not found.", detail);

    /// <summary>405: the method is not allowed on the resource.</summary>
    public static ApiProblem MethodNotAllowed(string detail) => new(405, TypeBase + "method-not-allowed", "The method is not allowed on this resource.", detail);

    /// <summary>409: a conflict (a repeated id).</summary>
    public static ApiProblem Conflict(string detail) => new(409, TypeBase + "conflict", "The resource exists already.", detail);

    /// <summary>413: the body is larger than the node accepts.</summary>
    public static ApiProblem TooLarge(long limit) => new(413, TypeBase + "payload-too-large", "The request body is too large.", $"The node accepts bodies of at most {limit} bytes.");

    /// <summary>415: the content type is not the one the endpoint reads.</summary>
    public static ApiProblem UnsupportedMediaType(string expected) => new(415, TypeBase + "unsupported-media-type", "The request's content type is not supported.", $"Send {expected}.");

    /// <summary>422: well-formed but not acceptable (an invalid credential, a mismatched idempotent request).</summary>
    public static ApiProblem Unprocessable(string title, string detail) => new(422, TypeBase + "unprocessable", title, detail);

    /// <summary>503: the store is unavailable.</summary>
    public static ApiProblem Unavailable(string detail) => new(503, TypeBase + "unavailable", "The node cannot serve the request now.", detail);

    /// <summary>500: a bug in the node (details are logged, not sent).</summary>
    public static ApiProblem Internal() => new(500, TypeBase + "internal", "The node failed to handle the request.");
}

/// <summary>Ends a request with a problem response.</summary>
public sealed class ApiProblemException : Exception
{
    /// <summary>Creates the exception for <paramref name="problem"/>.</summary>
    public ApiProblemException(ApiProblem problem)
        : base(problem?.Detail ?? problem?.Title)
    {
        Problem = problem!;
    }

    /// <summary>Creates the exception (a 400).</summary>
    public ApiProblemException()
        : this(ApiProblem.BadRequest("The request is malformed."))
    {
    }

    /// <summary>Creates the exception (a 400).</summary>
    public ApiProblemException(string message)
        : this(ApiProblem.BadRequest(message))
    {
    }

    /// <summary>Creates the exception (a 400).</summary>
    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = ApiProblem.BadRequest(message);
    }

    /// <summary>The problem to answer with.</summary>
    public ApiProblem Problem { get; }
}
