using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids.Tests.Web;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (HTTPS with a self-signed certificate for "localhost", and
/// plain HTTP) serving well-behaved and hostile did.json documents. Counts every request by path.
/// </summary>
public sealed class DidWebServer : IAsyncLifetime
{
    private WebApplication? _app;

    public X509Certificate2 Certificate { get; } = CreateCertificate();

    public KeyPair Key { get; } = KeyPair.Generate(KeyType.Ed25519);

    public int HttpsPort { get; private set; }

    public int HttpPort { get; private set; }

    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public int TotalRequests => Requests.Values.Sum();

    public string Did(params string[] path) => Did(HttpsPort, path);

    public static string Did(int port, params string[] path) =>
        "did:web:localhost%3A" + port.ToString(CultureInfo.InvariantCulture) + string.Concat(path.Select(p => ":" + p));

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate));
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        foreach (var address in _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
        {
            var uri = new Uri(address);
            if (uri.Scheme == "https")
            {
                HttpsPort = uri.Port;
            }
            else
            {
                HttpPort = uri.Port;
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Certificate.Dispose();
        Key.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        var port = context.Request.Host.Port ?? 0;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = segments.Length == 2 ? segments[0] : string.Empty;
        switch (path)
        {
            case "/.well-known/did.json":
                await WriteDocument(context, Did(port));
                return;
            case "/good/did.json" or "/org/customs/did.json":
                await WriteDocument(context, Did(port, segments[..^1]));
                return;
            case "/mismatch/did.json":
                await WriteDocument(context, Did(port, "someone-else"));
                return;
            case "/redirect/did.json":
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = "/good/did.json";
                return;
            case "/big/did.json":
                context.Response.ContentType = "application/did+json";
                await context.Response.WriteAsync(BigDocument(Did(port, name)));
                return;
            case "/chunked/did.json":
                // No Content-Length: the client must stop reading at its own cap.
                context.Response.ContentType = "application/did+json";
                await context.Response.StartAsync();
                var chunk = new string(' ', 8192);
                for (var i = 0; i < 200 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.WriteAsync(chunk, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }

                return;
            case "/slow/did.json":
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case "/notjson/did.json":
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html>not a DID document</html>");
                return;
            case "/error/did.json":
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    private Task WriteDocument(HttpContext context, string did)
    {
        context.Response.ContentType = "application/did+json";
        return context.Response.WriteAsync(DidWeb.CreateDocument(Dids.Did.Parse(did), [Key.PublicKey]).ToJson());
    }

    private string BigDocument(string did)
    {
        var document = DidWeb.CreateDocument(Dids.Did.Parse(did), [Key.PublicKey]).ToJson();
        return document[..^1] + ",\"padding\":\"" + new string('x', 200_000) + "\"}";
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
