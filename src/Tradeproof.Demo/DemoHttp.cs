using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Node;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Demo;

/// <summary>A credential a party's node issued (VC-API <c>POST /credentials/issue</c>).</summary>
/// <param name="Utf8">The secured credential.</param>
/// <param name="Id">Its id (a UUID URN).</param>
/// <param name="Type">Its credential type.</param>
/// <param name="Issuer">Who issued it.</param>
/// <param name="Suite">The cryptosuite of its proof.</param>
public sealed record DemoCredential(byte[] Utf8, string Id, string Type, DemoParty Issuer, string Suite);

/// <summary>What a node answered to a traceable presentation (<c>POST /presentations</c>).</summary>
/// <param name="Status">The HTTP status (202 accepted, 409 repeated, 422 not valid).</param>
/// <param name="PresentationId">The presentation's id.</param>
/// <param name="Body">The answer's JSON (the acknowledgement, or the RFC 9457 problem with its <c>verification</c>).</param>
public sealed record PresentationAnswer(int Status, string PresentationId, JsonElement Body)
{
    /// <summary>True when the node accepted the presentation into its inbox.</summary>
    public bool Accepted => Status == 202;

    /// <summary>The problem's title and detail, when refused.</summary>
    public string? Reason => Accepted ? null : $"{Text("title")} {Text("detail")}".Trim();

    /// <summary>The checks the node reported (name and outcome), from a refusal's <c>verification</c>.</summary>
    public IReadOnlyList<(string Name, string Outcome)> Checks => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("verification", out var v) && v.TryGetProperty("checks", out var checks)
        ? [.. checks.EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("outcome").GetString()!))]
        : [];

    /// <summary>The VC DM 2.0 problem titles the node reported.</summary>
    public IReadOnlyList<string> Problems => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("problems", out var p) && p.ValueKind == JsonValueKind.Array
        ? [.. p.EnumerateArray().Select(e => e.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? $"{e.GetProperty("title").GetString()} ({d.GetString()})" : e.GetProperty("title").GetString()!)]
        : [];

    private string Text(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}

/// <summary>
/// The demo's HTTP side: every party talks to nodes (its own and the others') only through their public HTTP APIs,
/// with OAuth 2.0 client credentials tokens. The receiving organisation registers an OAuth client for each sender
/// (as its operator would), through its node's administration API.
/// </summary>
public sealed class DemoHttp : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, (string Id, string Secret)> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly DemoOptions _options;

    /// <summary>Creates the client side of the demo.</summary>
    public DemoHttp(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The party's node issues a credential of <paramref name="type"/> about <paramref name="subject"/> (valid from
    /// <paramref name="validFrom"/> when given, else from the node's clock; with a <c>BitstringStatusListEntry</c> of
    /// <paramref name="statusPurpose"/> when given, e.g. <c>revocation</c>).</summary>
    /// <exception cref="DemoException">The node refused (the message carries its problem).</exception>
    public async Task<DemoCredential> IssueAsync(DemoParty issuer, string type, JsonObject subject, bool tradeContext = false, string suite = "eddsa-rdfc-2022", DateTimeOffset? validFrom = null, CancellationToken cancellationToken = default, string? statusPurpose = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var contexts = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1");
        if (tradeContext)
        {
            contexts.Add("https://tradeproof.dev/contexts/trade/v1");
        }

        var body = new JsonObject
        {
            ["credential"] = new JsonObject
            {
                ["@context"] = contexts,
                ["type"] = new JsonArray("VerifiableCredential", type),
                ["issuer"] = issuer.Organization(),
                ["credentialSubject"] = subject,
            },
            ["options"] = new JsonObject { ["cryptosuite"] = suite },
        };
        if (statusPurpose is not null)
        {
            body["options"]!["credentialStatus"] = new JsonObject { ["type"] = "BitstringStatusListEntry", ["statusPurpose"] = statusPurpose };
        }

        if (validFrom is { } from)
        {
            body["credential"]!["validFrom"] = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        var token = await TokenAsync(issuer, issuer, cancellationToken).ConfigureAwait(false);
        var (status, json) = await PostJsonAsync(issuer.Endpoint + "/credentials/issue", body.ToJsonString(), token, cancellationToken).ConfigureAwait(false);
        if (status != 201)
        {
            throw new DemoException($"{issuer.Name}'s node refused to issue a {type} ({status}): {json}");
        }

        var vc = JsonDocument.Parse(json).RootElement.GetProperty("verifiableCredential");
        var utf8 = Encoding.UTF8.GetBytes(vc.GetRawText());
        return new DemoCredential(utf8, vc.GetProperty("id").GetString()!, type, issuer, suite);
    }

    /// <summary>
    /// The holder presents credentials to the recipient: a challenge from the recipient's node
    /// (<c>POST /challenges</c>), a TraceablePresentation signed by the holder's key, then <c>POST /presentations</c>.
    /// </summary>
    public async Task<PresentationAnswer> PresentAsync(DemoParty holder, DemoParty recipient, IReadOnlyList<ReadOnlyMemory<byte>> credentials, string workflow, string instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(recipient);
        var token = await TokenAsync(recipient, holder, cancellationToken).ConfigureAwait(false);
        var (status, json) = await PostJsonAsync(recipient.Endpoint + "/challenges", new JsonObject { ["domain"] = recipient.Endpoint }.ToJsonString(), token, cancellationToken).ConfigureAwait(false);
        if (status != 201)
        {
            throw new DemoException($"{recipient.Name}'s node gave no challenge ({status}): {json}");
        }

        var challenge = JsonDocument.Parse(json).RootElement.GetProperty("challenge").GetString()!;
        var unsigned = new TraceablePresentationBuilder(_options.Random).Build(new TraceablePresentationContent
        {
            Holder = holder.Did,
            Definitions = [workflow.Contains(':', StringComparison.Ordinal) ? workflow : "https://w3id.org/traceability#" + workflow],
            Instances = [instance],
            Credentials = credentials,
        });
        var signed = await ProveAsync(holder, unsigned, challenge, recipient.Endpoint, cancellationToken).ConfigureAwait(false);
        var id = JsonDocument.Parse(signed).RootElement.GetProperty("id").GetString()!;
        var (answer, body) = await PostJsonAsync(recipient.Endpoint + "/presentations", Encoding.UTF8.GetString(signed), token, cancellationToken).ConfigureAwait(false);
        return new PresentationAnswer(answer, id, Parse(body));
    }

    /// <summary>The recipient's node verifies a credential (VC-API <c>POST /credentials/verify</c>): 200 valid, 422 not.</summary>
    public async Task<(bool Valid, JsonElement Body)> VerifyAsync(DemoParty verifier, ReadOnlyMemory<byte> credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var token = await TokenAsync(verifier, verifier, cancellationToken).ConfigureAwait(false);
        var body = "{\"verifiableCredential\":" + Encoding.UTF8.GetString(credential.Span) + "}";
        var (status, json) = await PostJsonAsync(verifier.Endpoint + "/credentials/verify", body, token, cancellationToken).ConfigureAwait(false);
        return (status == 200, Parse(json));
    }

    /// <summary>A GET with the party's own token on its node; null on 404.</summary>
    public async Task<JsonElement?> GetAsync(DemoParty party, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(party);
        var token = await TokenAsync(party, party, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, party.Endpoint + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? Parse(json) : null;
    }

    /// <summary>An unauthenticated GET of a node's path (e.g. <c>/log/checkpoint</c>): the text, or null when not 200.</summary>
    public async Task<string?> GetTextAsync(DemoNode node, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var response = await _http.GetAsync(new Uri(node.BaseUrl + path), cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Asks the party's node to sign a fresh transparency log checkpoint (<c>POST /log/checkpoint</c>, scope
    /// <c>operate:log</c>): the signed note, or null when the node refuses or has no log.</summary>
    public async Task<string?> SignCheckpointAsync(DemoParty party, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(party);
        var token = await TokenAsync(party, party, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, party.Node.BaseUrl + "/log/checkpoint");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>A POST or PUT of JSON with the party's own token on its node: the status and the answer.</summary>
    public async Task<(int Status, string Body)> SendOwnAsync(DemoParty party, HttpMethod method, string path, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(party);
        var token = await TokenAsync(party, party, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, party.Endpoint + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A request with the party's own token to its node's own path (e.g. <c>/log/partners</c>): the status and the answer.</summary>
    public async Task<(int Status, string Body)> SendToNodeAsync(DemoParty party, HttpMethod method, string path, string? json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(party);
        var token = await TokenAsync(party, party, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, party.Node.BaseUrl + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>OAuth client credentials at <paramref name="owner"/>'s node for <paramref name="caller"/> (registered once).</summary>
    public async Task<(string ClientId, string ClientSecret)> ClientForAsync(DemoParty owner, DemoParty caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(caller);
        return await RegisterAsync(owner, owner.TenantId + "|" + caller.TenantId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // The holder's own node signs (VC-API POST /presentations/prove: authentication purpose, the recipient's
    // challenge and domain). eddsa-jcs-2022: a presentation embedding many trade credentials would exceed JSON-LD's
    // context-processing limit under RDFC (each credential keeps its own suite and is verified with it).
    private async Task<byte[]> ProveAsync(DemoParty holder, byte[] presentation, string challenge, string domain, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(holder, holder, cancellationToken).ConfigureAwait(false);
        var body = "{\"presentation\":" + Encoding.UTF8.GetString(presentation)
            + ",\"options\":" + new JsonObject { ["challenge"] = challenge, ["domain"] = domain, ["cryptosuite"] = "eddsa-jcs-2022" }.ToJsonString() + "}";
        var (status, json) = await PostJsonAsync(holder.Endpoint + "/presentations/prove", body, token, cancellationToken).ConfigureAwait(false);
        if (status != 201)
        {
            throw new DemoException($"{holder.Name}'s node refused to sign the presentation ({status}): {json}");
        }

        using var document = JsonDocument.Parse(json);
        return Encoding.UTF8.GetBytes(document.RootElement.GetProperty("verifiablePresentation").GetRawText());
    }

    // A token for `caller` at `owner`'s tenant: the owner's operator registers a client for the caller once.
    private async Task<string> TokenAsync(DemoParty owner, DemoParty caller, CancellationToken cancellationToken)
    {
        var key = owner.TenantId + "|" + caller.TenantId;
        if (_tokens.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var (id, secret) = owner == caller && owner.ClientId is not null
            ? (owner.ClientId, owner.ClientSecret!)
            : await RegisterAsync(owner, key, cancellationToken).ConfigureAwait(false);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
        });
        using var response = await _http.PostAsync(new Uri(owner.Node.BaseUrl + "/oauth/token"), form, cancellationToken).ConfigureAwait(false);
        var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoException($"{owner.Node.Name} refused a token for {caller.Name} ({(int)response.StatusCode}): {json}");
        }

        var token = JsonDocument.Parse(json).RootElement.GetProperty("access_token").GetString()!;
        _tokens[key] = token;
        return token;
    }

    private async Task<(string, string)> RegisterAsync(DemoParty owner, string key, CancellationToken cancellationToken)
    {
        if (_clients.TryGetValue(key, out var known))
        {
            return known;
        }

        var admin = owner.Node.Administration;
        var client = await admin.AddClientAsync(owner.TenantId, [Scopes.SubmitPresentations, Scopes.VerifyPresentations, Scopes.VerifyCredentials], cancellationToken).ConfigureAwait(false);
        return _clients[key] = (client.ClientId, client.ClientSecret);
    }

    private async Task<(int Status, string Body)> PostJsonAsync(string url, string json, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    private static JsonElement Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
