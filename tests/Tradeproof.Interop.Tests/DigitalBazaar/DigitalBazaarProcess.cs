using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Tradeproof.Interop.Tests.DigitalBazaar;

/// <summary>
/// One running <c>node benchmarks/peers/interop/server.mjs</c>: Digital Bazaar's <c>@digitalbazaar/vc</c> stack with
/// an offline document loader (our context copies, did:key computed locally). Requests and responses are JSON lines;
/// see the script's header for the operations. Started on first use and shared by the test classes of the
/// <see cref="DigitalBazaarCollection"/> (one process per test run, not per case); requests are serialised.
/// </summary>
public sealed class DigitalBazaarProcess : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    /// <summary>Sends one request and returns the response; throws when the process reports an error.</summary>
    /// <exception cref="InvalidOperationException">The prerequisites are missing, the process died, or it answered
    /// <c>{"ok": false}</c>.</exception>
    public async Task<JsonObject> SendAsync(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var process = _process ??= Start();
            await process.StandardInput.WriteLineAsync(request.ToJsonString()).ConfigureAwait(false);
            await process.StandardInput.FlushAsync().ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(RequestTimeout);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException($"Digital Bazaar's process did not answer within {RequestTimeout.TotalSeconds} s. stderr: {StandardError()}");
            }

            if (line is null)
            {
                throw new InvalidOperationException($"Digital Bazaar's process exited. stderr: {StandardError()}");
            }

            var response = JsonNode.Parse(line)!.AsObject();
            if (response["ok"]?.GetValue<bool>() != true)
            {
                throw new InvalidOperationException($"Digital Bazaar's process failed '{request["op"]}': {response["error"]}");
            }

            return response;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the process (it exits when its standard input closes; killed if it does not).</summary>
    public void Dispose()
    {
        if (_process is { } process)
        {
            try
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(5000))
                {
                    process.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        _gate.Dispose();
    }

    private Process Start()
    {
        if (NodePrerequisites.MissingReason is { } reason)
        {
            throw new InvalidOperationException(
                (NodePrerequisites.InContinuousIntegration ? "CI=true and a prerequisite of the interop tests is missing: " : "") + reason);
        }

        var start = new ProcessStartInfo(NodePrerequisites.NodeExecutable!, [NodePrerequisites.ServerScript])
        {
            WorkingDirectory = NodePrerequisites.PeersFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["TRADEPROOF_CONTEXTS"] = Testing.Conformance.PathOf("contexts");
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return process;
    }

    private string StandardError()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}

/// <summary>The test classes that share one <see cref="DigitalBazaarProcess"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DigitalBazaarCollection : ICollectionFixture<DigitalBazaarProcess>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Digital Bazaar";
}
