using System.Globalization;
using System.Text;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof issue --bulk FILE.jsonl --key KEYFILE --out OUT.jsonl [--suite S] [--failures FILE] [--workers N]
/// [--quiet] [--json]</c>: issues every credential of a JSON-lines file (one unsigned credential per line, e.g. a
/// marketplace's daily de minimis declarations) on every core and writes the secured credentials to OUT, one per line
/// in input order (a JWT as a JSON string). OUT is written to a temporary file and renamed at the end. A line that
/// cannot be issued is left out, reported with its line number, and makes the exit code 1.
/// </summary>
internal static class BulkIssueCommand
{
    /// <summary>What a bulk issue signs with: the suite, the key and the identity it signs as.</summary>
    public sealed record Signer(string Suite, KeyPair Key, SigningIdentity Identity, DateTimeOffset? ValidUntil);

    /// <summary>Runs the bulk issuance; returns the exit code.</summary>
    public static int Run(CliConsole console, Signer signer, string path, string? output, BulkPipeline.Options options, System.CommandLine.ParseResult parse, bool json)
    {
        if (output is null || output == "-")
        {
            throw new CliInputException("issue --bulk needs --out FILE (the issued credentials, one per line)");
        }

        if (signer.Suite == SecuringSuites.SdJwt)
        {
            throw new CliInputException("issue --bulk issues Data Integrity and jwt credentials; issue SD-JWT VCs one at a time");
        }

        var workers = options.WorkerCount(parse);
        var input = BulkInput.Open(path, foldersAllowed: false);
        var full = Path.GetFullPath(output);
        var directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new CliInputException($"--out {output}: directory not found: {directory}");
        }

        var engine = new DataIntegrityEngine();
        var issuer = new CredentialIssuer(engine, TimeProvider.System, SystemRandomSource.Instance);
        var issuance = new IssuanceOptions
        {
            VerificationMethod = signer.Identity.VerificationMethod,
            Issuer = signer.Identity.Did,
            Cryptosuite = signer.Suite,
            StatusPurposes = [],
            ValidUntil = signer.ValidUntil,
        };
        var progress = new ProgressReporter(console, "issued", input.Count(), parse.GetValue(options.Quiet), TimeProvider.System);
        using var failures = new BulkFailures(parse.GetValue(options.Failures));
        var temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        long issued = 0;
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                BulkPipeline.Run(
                    input.Items(),
                    workers,
                    (item, _) => ValueTask.FromResult(IssueOne(item, signer, issuer, issuance)),
                    (item, result) =>
                    {
                        if (result.Line is { } line)
                        {
                            file.Write(line);
                            file.WriteByte((byte)'\n');
                            issued++;
                        }
                        else
                        {
                            failures.Add(new BulkFailure(item.Source, "not-issued", null, result.Problem!, null));
                        }
                    },
                    progress);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        failures.Complete();
        var seconds = progress.Elapsed;
        var total = issued + failures.Count;
        var rate = seconds > 0 ? total / seconds : 0;
        if (json)
        {
            console.Output.WriteLine(CommandOutput.Json(w =>
            {
                w.WriteString("outcome", failures.Count == 0 ? "issued" : "some-not-issued");
                w.WriteNumber("total", total);
                w.WriteNumber("issued", issued);
                w.WriteNumber("notIssued", failures.Count);
                w.WriteString("suite", signer.Suite);
                w.WriteString("verificationMethod", signer.Identity.VerificationMethod);
                w.WriteString("out", output);
                BulkPipeline.WriteRun(w, seconds, rate, workers);
                failures.WriteJson(w);
            }));
        }
        else
        {
            console.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"issued {issued:N0} of {total:N0} credentials with {signer.Suite} in {seconds:N1} s ({rate:N0}/s, {workers} workers) to {output}"));
            failures.WriteHuman(console.Output);
        }

        if (failures.Count > 0)
        {
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tradeproof: error: {failures.Count:N0} of {total:N0} not issued; first: {failures.First[0]}"));
            return ExitCodes.InvalidInput;
        }

        return ExitCodes.Success;
    }

    private static (byte[]? Line, string? Problem) IssueOne(BulkItem item, Signer signer, CredentialIssuer issuer, IssuanceOptions options)
    {
        try
        {
            var document = SuiteContexts.AddTo(item.Bytes.ToArray(), signer.Suite);
            if (signer.Suite == SecuringSuites.Jwt)
            {
                var prepared = issuer.PrepareAsync(document, options).AsTask().GetAwaiter().GetResult();
                if (prepared.Version != DataModelVersion.V2_0)
                {
                    return (null, "VC-JOSE-COSE secures VC Data Model 2.0 credentials only; this is a 1.1 credential");
                }

                var token = VcJose.IssueCredential(prepared.Utf8.Span, signer.Key, signer.Identity.VerificationMethod);
                return (Encoding.UTF8.GetBytes("\"" + token + "\""), null);
            }

            var signed = issuer.IssueAsync(document, signer.Key, options).AsTask().GetAwaiter().GetResult();
            return (Compact(signed.Utf8.Span), null);
        }
#pragma warning disable CA1031 // Each line's failure (whatever the library threw) is reported against that line; the batch goes on.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return (null, e.Message.ReplaceLineEndings(" "));
        }
    }

    // One credential per line: the issuer's JSON may be indented; re-write it without whitespace.
    private static byte[] Compact(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf((byte)'\n') < 0)
        {
            return json.ToArray();
        }

        using var document = System.Text.Json.JsonDocument.Parse(json.ToArray());
        using var buffer = new MemoryStream(json.Length);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
