using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Tradeproof.Testing;

namespace Tradeproof.Dashboard.Tests;

/// <summary>
/// A customs message recipient on a loopback port, found by did:web (<c>localhost</c>, which the demo's nodes may
/// resolve over plain HTTP): it refuses every presentation with a 422 problem (the delivery gives such a message up at
/// once) until <see cref="Fix"/>, then accepts (202). <see cref="Answers"/> says what it answered per presentation.
/// </summary>
public sealed class RefusingRecipient : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new(StringComparer.Ordinal);
    private volatile bool _fixed;

    private RefusingRecipient(WebApplication app, int port)
    {
        _app = app;
        Did = $"did:web:localhost%3A{port}:organizations:anam";
    }

    /// <summary>The recipient's DID.</summary>
    public string Did { get; }

    /// <summary>The detail of the 422 problem it answers while refusing.</summary>
    public const string Refusal = "Issuer not trusted for this credential type: the trust registry does not allow the issuer.";

    /// <summary>From now on presentations are accepted (the operator fixed the cause at the recipient).</summary>
    public void Fix() => _fixed = true;

    /// <summary>The status codes answered to a presentation, in order.</summary>
    public int[] Answers(string presentationId) => _answers.TryGetValue(presentationId, out var q) ? [.. q] : [];

    public static async Task<RefusingRecipient> StartAsync()
    {
        var port = FreePort.Loopback();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://localhost:{port}");
        var app = builder.Build();
        var recipient = new RefusingRecipient(app, port);
        app.MapGet("/organizations/anam/did.json", () => Results.Text($$"""
            { "@context": ["https://www.w3.org/ns/did/v1"], "id": "{{recipient.Did}}",
              "service": [ { "id": "{{recipient.Did}}#traceability-api", "type": "TraceabilityAPI", "serviceEndpoint": "http://localhost:{{port}}/organizations/anam" } ] }
            """, "application/json"));
        app.MapPost("/organizations/anam/challenges", () => Results.Json(new { challenge = "c-1", domain = "localhost" }, statusCode: 201));
        app.MapPost("/organizations/anam/presentations", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var status = recipient._fixed ? 202 : 422;
            recipient._answers.GetOrAdd(body.RootElement.GetProperty("id").GetString()!, _ => new ConcurrentQueue<int>()).Enqueue(status);
            return status == 422 ? Results.Problem(title: "Verification failed", detail: Refusal, statusCode: 422) : Results.StatusCode(status);
        });
        await app.StartAsync();
        return recipient;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
