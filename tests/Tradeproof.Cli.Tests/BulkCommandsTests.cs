using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;

namespace Tradeproof.Cli.Tests;

/// <summary>tradeproof issue --bulk and verify --bulk: JSON-lines files and folders, summaries, failures, exit codes.</summary>
public sealed class BulkCommandsTests : IDisposable
{
    private readonly CliTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Declaration(int i) =>
        $$$$"""{"@context":["https://www.w3.org/ns/credentials/v2","https://w3id.org/traceability/v1"],"type":["VerifiableCredential","CBPSection321DeMinimisCredential"],"credentialSubject":{"type":["DeMinimisShipment"],"shipmentTrackingNumber":"SN{{{{i:D6}}}}","listedPriceOnMarketplace":{"type":["PriceSpecification"],"price":{{{{10 + i}}}},"priceCurrency":"USD"}}}""";

    private static JsonElement Json(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    /// <summary>Issues <paramref name="count"/> declarations in bulk and returns the issued file.</summary>
    private string IssueBatch(int count, string suite, KeyType keyType = KeyType.Ed25519)
    {
        var input = _files.Write("batch.jsonl", string.Join('\n', Enumerable.Range(1, count).Select(Declaration)) + "\n");
        var output = _files.PathOf($"issued-{suite}.jsonl");
        var result = CliRunner.Run("issue", "--bulk", input, "--key", _files.KeyFile(keyType).Path, "--suite", suite, "--out", output, "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        return output;
    }

    [Theory]
    [InlineData("eddsa-jcs-2022", KeyType.Ed25519)]
    [InlineData("eddsa-rdfc-2022", KeyType.Ed25519)]
    [InlineData("jwt", KeyType.P256)]
    public void Bulk_issue_then_bulk_verify_gives_every_credential_valid_in_order(string suite, KeyType keyType)
    {
        var issued = IssueBatch(12, suite, keyType);
        var lines = File.ReadAllLines(issued);
        Assert.Equal(12, lines.Length);
        if (suite == "jwt")
        {
            Assert.All(lines, l => Assert.StartsWith("\"eyJ", l, StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("SN000001", lines[0], StringComparison.Ordinal);
            Assert.Contains("SN000012", lines[11], StringComparison.Ordinal);
        }

        var result = CliRunner.Run("verify", "--bulk", issued, "--json", "--workers", "3");
        Assert.Equal(0, result.ExitCode);
        var summary = Json(result);
        Assert.Equal("valid", summary.GetProperty("outcome").GetString());
        Assert.Equal(12, summary.GetProperty("total").GetInt32());
        Assert.Equal(12, summary.GetProperty("valid").GetInt32());
        Assert.Equal(0, summary.GetProperty("failures").GetArrayLength());
        Assert.Equal(3, summary.GetProperty("workers").GetInt32());
    }

    [Fact]
    public void A_line_that_cannot_be_issued_is_reported_by_line_and_left_out()
    {
        var input = _files.Write("mixed.jsonl", Declaration(1) + "\n\n{not json\n" + Declaration(2) + "\n");
        var output = _files.PathOf("out.jsonl");
        var failures = _files.PathOf("failures.jsonl");
        var result = CliRunner.Run("issue", "--bulk", input, "--key", _files.KeyFile(KeyType.Ed25519).Path, "--out", output, "--failures", failures, "--json");
        Assert.Equal(1, result.ExitCode);
        var summary = Json(result);
        Assert.Equal(2, summary.GetProperty("issued").GetInt32());
        Assert.Equal(1, summary.GetProperty("notIssued").GetInt32());
        Assert.Equal(input + ":3", summary.GetProperty("failures")[0].GetProperty("source").GetString());
        Assert.Equal(2, File.ReadAllLines(output).Length);
        var failure = Assert.Single(File.ReadAllLines(failures));
        Assert.Contains("mixed.jsonl:3", failure, StringComparison.Ordinal);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void A_tampered_line_is_invalid_with_its_line_number_and_exit_1()
    {
        var issued = IssueBatch(5, "eddsa-jcs-2022");
        var lines = File.ReadAllLines(issued);
        lines[3] = lines[3].Replace("SN000004", "SN999999", StringComparison.Ordinal);
        File.WriteAllLines(issued, lines);
        var failures = _files.PathOf("failures.jsonl");
        var result = CliRunner.Run("verify", "--bulk", issued, "--failures", failures);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("5 credentials", result.Output, StringComparison.Ordinal);
        Assert.Contains("4 valid, 1 invalid, 0 could not check", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{issued}:4  invalid", result.Output, StringComparison.Ordinal);
        using var failure = JsonDocument.Parse(Assert.Single(File.ReadAllLines(failures)));
        Assert.Equal("invalid", failure.RootElement.GetProperty("outcome").GetString());
        Assert.Equal($"{issued}:4", failure.RootElement.GetProperty("source").GetString());
        Assert.StartsWith("tradeproof: error: 1 invalid", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_whose_status_list_is_unavailable_could_not_be_checked_exit_2()
    {
        var (_, key) = _files.KeyFile(KeyType.Ed25519);
        var did = CliTestFiles.DidOf(key);
        var credential = $$$"""
            {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:11111111-2222-4333-8444-555555555555","type":["VerifiableCredential"],"issuer":"{{{did}}}","validFrom":"2025-01-01T00:00:00Z",
             "credentialStatus":{"id":"https://issuer.example/status/1#7","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"7","statusListCredential":"https://issuer.example/status/1"},
             "credentialSubject":{"id":"did:example:subject"}}
            """;
        var signed = new DataIntegrityEngine().AddProof(
            Encoding.UTF8.GetBytes(credential),
            new ProofOptions { Cryptosuite = "eddsa-jcs-2022", VerificationMethod = did + "#" + key.PublicKey.ToMultibase() },
            key);
        var folder = Directory.CreateDirectory(_files.PathOf("folder")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "a.json"), signed);
        File.Copy(IssueBatch(2, "eddsa-jcs-2022"), Path.Combine(folder, "b.jsonl"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a credential, not read");
        var result = CliRunner.Run("verify", "--bulk", folder, "--json");
        Assert.Equal(2, result.ExitCode);
        var summary = Json(result);
        Assert.Equal("indeterminate", summary.GetProperty("outcome").GetString());
        Assert.Equal(3, summary.GetProperty("total").GetInt32());
        Assert.Equal(2, summary.GetProperty("valid").GetInt32());
        Assert.Equal(1, summary.GetProperty("indeterminate").GetInt32());
        Assert.EndsWith("a.json", summary.GetProperty("failures")[0].GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_bulk_input_is_one_line_and_a_non_zero_exit()
    {
        var missing = CliRunner.Run("verify", "--bulk", _files.PathOf("nowhere.jsonl"));
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("tradeproof: error: not found:", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);

        var empty = CliRunner.Run("verify", "--bulk", Directory.CreateDirectory(_files.PathOf("empty")).FullName);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("holds no .json, .jwt or .jsonl files", Assert.Single(empty.ErrorLines), StringComparison.Ordinal);

        var both = CliRunner.Run("verify", "x.json", "--bulk", _files.Folder);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("either FILE or --bulk", Assert.Single(both.ErrorLines), StringComparison.Ordinal);

        var workers = CliRunner.Run("verify", "--bulk", _files.Folder, "--workers", "zero");
        Assert.Equal(1, workers.ExitCode);
        Assert.Contains("--workers 'zero'", Assert.Single(workers.ErrorLines), StringComparison.Ordinal);

        var withoutBulk = CliRunner.Run("verify", "x.json", "--failures", "f.jsonl");
        Assert.Equal(1, withoutBulk.ExitCode);
        Assert.Contains("go with --bulk", Assert.Single(withoutBulk.ErrorLines), StringComparison.Ordinal);

        var input = _files.Write("one.jsonl", Declaration(1) + "\n");
        var noOut = CliRunner.Run("issue", "--bulk", input, "--key", _files.KeyFile(KeyType.Ed25519).Path);
        Assert.Equal(1, noOut.ExitCode);
        Assert.Contains("needs --out", Assert.Single(noOut.ErrorLines), StringComparison.Ordinal);

        var folder = CliRunner.Run("issue", "--bulk", _files.Folder, "--key", _files.KeyFile(KeyType.Ed25519).Path, "--out", _files.PathOf("o.jsonl"));
        Assert.Equal(1, folder.ExitCode);
        Assert.Contains("is a folder", Assert.Single(folder.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_files.PathOf("o.jsonl")));
    }

    [Fact]
    public void Progress_off_a_terminal_is_a_plain_line_every_five_seconds_on_standard_error()
    {
        var clock = new SteppedClock();
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(Stream.Null, TextWriter.Null, error);
        var progress = new Commands.ProgressReporter(console, "verified", 1000, quiet: false, clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report(100);
        Assert.Equal(string.Empty, error.ToString());
        clock.Advance(TimeSpan.FromSeconds(4));
        progress.Report(500);
        Assert.Equal("tradeproof: 500/1,000 verified, 100/s, about 5 s left\n", error.ToString());
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report(600);
        progress.Finish();
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var quiet = new StringWriter();
        var silent = new Commands.ProgressReporter(new CliConsole(Stream.Null, TextWriter.Null, quiet), "verified", 1000, quiet: true, clock);
        clock.Advance(TimeSpan.FromSeconds(60));
        silent.Report(1000);
        Assert.Equal(string.Empty, quiet.ToString());
    }

    [Fact]
    public void With_quiet_standard_error_is_empty_and_the_summary_is_on_standard_output()
    {
        var issued = IssueBatch(3, "eddsa-jcs-2022");
        var quiet = CliRunner.Run("verify", "--bulk", issued, "--quiet");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal(string.Empty, quiet.Error);
        Assert.StartsWith("verified 3 credentials in ", quiet.Output, StringComparison.Ordinal);
    }

    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
