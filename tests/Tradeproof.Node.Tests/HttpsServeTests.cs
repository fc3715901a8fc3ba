using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Tradeproof.Node.Tests;

/// <summary>A real <c>tradeproof serve</c> process over HTTPS with the self-signed certificate it makes at first start
/// (trusted by pinning its SHA-256 fingerprint), JSON request logs on standard output, and the same certificate after a
/// restart.</summary>
public sealed class HttpsServeTests
{

    [Fact]
    public async Task Serve_makes_a_self_signed_certificate_serves_https_with_it_logs_json_and_reuses_it_after_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "tradeproof-https-" + Guid.NewGuid().ToString("N"));
        try
        {
            string fingerprint;
            await using (var server = await ServeAsync(data))
            {
                Assert.StartsWith("https://127.0.0.1:", server.BaseUrl.ToString(), StringComparison.Ordinal);
                var file = Path.Combine(data, NodeTls.SelfSignedFile);
                Assert.True(File.Exists(file));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }

                using var stored = X509Certificate2.CreateFromPemFile(file);
                fingerprint = NodeTls.Sha256Fingerprint(stored);
                Assert.True(stored.HasPrivateKey);
                Assert.Equal("1.2.840.10045.2.1", stored.PublicKey.Oid.Value); // id-ecPublicKey
                Assert.True(stored.MatchesHostname("localhost"));
                Assert.True(stored.MatchesHostname("127.0.0.1"));
                Assert.Contains("-----BEGIN PRIVATE KEY-----", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

                using (var pinned = PinnedClient(server.BaseUrl, fingerprint))
                using (var health = await pinned.GetAsync(new Uri("/health", UriKind.Relative)))
                {
                    Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                }

                // Without the pin the certificate is not trusted: the connection really is TLS with this certificate.
                using (var plain = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(60) })
                {
                    await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(new Uri("/health", UriKind.Relative)));
                }

                using (var wrongPin = PinnedClient(server.BaseUrl, new string('0', 64)))
                {
                    await Assert.ThrowsAsync<HttpRequestException>(() => wrongPin.GetAsync(new Uri("/health", UriKind.Relative)));
                }

                var line = await server.WaitForLineAsync(l => l.Contains("\"Tradeproof.Node.Requests\"", StringComparison.Ordinal) && l.Contains("/health", StringComparison.Ordinal));
                using var json = JsonDocument.Parse(line);
                var state = json.RootElement.GetProperty("State");
                Assert.Equal("GET", state.GetProperty("Method").GetString());
                Assert.Equal("/health", state.GetProperty("Route").GetString());
                Assert.Equal("200", state.GetProperty("Status").ToString());
                Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
            }

            await using (var again = await ServeAsync(data))
            {
                using var stored = X509Certificate2.CreateFromPemFile(Path.Combine(data, NodeTls.SelfSignedFile));
                Assert.Equal(fingerprint, NodeTls.Sha256Fingerprint(stored));
                using var pinned = PinnedClient(again.BaseUrl, fingerprint);
                using var ready = await pinned.GetAsync(new Uri("/ready", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public void Serve_refuses_plain_http_off_loopback_and_says_why()
    {
        var data = Path.Combine(Path.GetTempPath(), "tradeproof-https-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var process = Start("serve", "--data", data, "--urls", "http://0.0.0.0:0");
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("--allow-remote-http", error, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static HttpClient PinnedClient(Uri baseUrl, string fingerprint) => new(new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is X509Certificate2 c && string.Equals(c.GetCertHashString(HashAlgorithmName.SHA256), fingerprint, StringComparison.OrdinalIgnoreCase),
        },
    })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static async Task<Server> ServeAsync(string data)
    {
        var process = Start("serve", "--data", data, "--urls", "https://127.0.0.1:0", "--log-format", "json");
        var lines = new BlockingCollection<string>();
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }

            lines.CompleteAdding();
        });
        var errors = process.StandardError.ReadToEndAsync();
        const string marker = "tradeproof: node listening on ";
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            foreach (var line in lines.GetConsumingEnumerable(timeout.Token))
            {
                seen.Add(line);
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    return new Server(process, new Uri(line[marker.Length..]), lines);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        throw new InvalidOperationException("serve did not listen: " + string.Join('\n', seen) + "\n" + await errors);
    }

    private static Process Start(params string[] args) => TradeproofProcess.Start(args);

    private sealed class Server(Process process, Uri baseUrl, BlockingCollection<string> lines) : IAsyncDisposable
    {
        public Uri BaseUrl { get; } = baseUrl;

        /// <summary>The next standard output line matching <paramref name="match"/> (the console logger writes in the
        /// background).</summary>
        public Task<string> WaitForLineAsync(Func<string, bool> match) => Task.Run(() =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            foreach (var line in lines.GetConsumingEnumerable(timeout.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }

            throw new InvalidOperationException("The node's output ended without the line.");
        });

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
