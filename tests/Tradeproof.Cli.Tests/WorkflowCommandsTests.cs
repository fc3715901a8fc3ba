using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Cli.Tests;

/// <summary><c>tradeproof workflow list|show|progress</c>.</summary>
public sealed class WorkflowCommandsTests : IDisposable
{
    private const string Entry = "https://w3id.org/traceability#us-cbp-entry";
    private const string Instance = "urn:uuid:6a1f0c2e-8b3d-4c5e-9f70-1a2b3c4d5e6f";
    private readonly string _folder = Directory.CreateTempSubdirectory("tradeproof-workflow-").FullName;
    private readonly KeyPair _importer = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(11, 32).Select(i => (byte)i).ToArray());
    private int _next;

    public void Dispose()
    {
        _importer.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string ImporterDid => "did:key:" + _importer.PublicKey.ToMultibase();

    [Fact]
    public void List_names_every_workflow_with_its_parties_and_credentials()
    {
        var result = CliRunner.Run("workflow", "list");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(9, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("us-cbp-entry ", StringComparison.Ordinal) && l.Contains(" 2 parties   5 credentials  US CBP Entry", StringComparison.Ordinal));

        var json = CliRunner.Run("workflow", "list", "--json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(9, document.RootElement.GetArrayLength());
        var steel = document.RootElement.EnumerateArray().Single(w => w.GetProperty("name").GetString() == "cbp-steel-tech-demo-2023");
        Assert.Equal(6, steel.GetProperty("parties").GetArrayLength());
        Assert.Equal("https://w3id.org/traceability#MillTestReportCredential", steel.GetProperty("credentials")[4].GetProperty("type").GetString());
    }

    [Fact]
    public void Show_gives_parties_required_credentials_and_steps()
    {
        var result = CliRunner.Run("workflow", "show", "us-steel-import-classification");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  A  Manufacturer\n  B  Importer\n  C  CBP\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("  MillTestReportCredential  (Mill Test Report)\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("  1. Manufacturer issues Mill Test Report Credential [MillTestReportCredential]\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("  3. Importer presents to CBP: Mill Test Report Credential [MillTestReportCredential]\n", result.Output, StringComparison.Ordinal);

        var json = CliRunner.Run("workflow", "show", Entry, "--json");
        Assert.Equal(0, json.ExitCode);
        var node = JsonNode.Parse(json.Output)!;
        Assert.Equal(11, node["steps"]!.AsArray().Count);
        Assert.Equal("present", node["steps"]![3]!["kind"]!.GetValue<string>());
        Assert.Equal("https://w3id.org/traceability#CBP3461EntryCredential", node["steps"]![3]!["credentials"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_workflow_is_one_error_line_and_exit_1()
    {
        var result = CliRunner.Run("workflow", "show", "no-such-workflow");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("tradeproof: error: unknown workflow 'no-such-workflow' (see 'tradeproof workflow list')", Assert.Single(result.ErrorLines));
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Progress_reports_present_missing_and_next_then_complete()
    {
        var first = Write(Presentation(Entry, Instance, "CommercialInvoiceCredential", "PackingListCredential"));
        var partial = CliRunner.Run("workflow", "progress", "us-cbp-entry", first);
        Assert.Equal(0, partial.ExitCode);
        Assert.Contains("status: incomplete (2 of 5 required credential types present)\n", partial.Output, StringComparison.Ordinal);
        Assert.Contains($"  CommercialInvoiceCredential  urn:uuid:c-0 issued by did:web:seller.example, presented by {ImporterDid} in ", partial.Output, StringComparison.Ordinal);
        Assert.Contains("missing:\n  CBP3461EntryCredential  (CBP 3461 Entry)\n  MultiModalBillOfLadingCredential  (Bill Of Lading)\n  CBP7501EntrySummaryCredential  (CBP 7501 Entry Summary)\n", partial.Output, StringComparison.Ordinal);
        Assert.Contains("next: 2. Importer presents to CBP: Intent to Import Credential [IntentToImportCredential]\n", partial.Output, StringComparison.Ordinal);

        var rest = Write(Presentation(Entry, Instance, "CBP3461EntryCredential", "MultiModalBillOfLadingCredential", "CBP7501EntrySummaryCredential"));
        var other = Write(Presentation("https://w3id.org/traceability#import-intention", Instance, "IntentToImportCredential"));
        var complete = CliRunner.Run("workflow", "progress", "us-cbp-entry", first, rest, other, "--json");
        Assert.Equal(0, complete.ExitCode);
        var node = JsonNode.Parse(complete.Output)!;
        Assert.True(node["complete"]!.GetValue<bool>());
        Assert.Empty(node["missing"]!.AsArray());
        Assert.Equal(5, node["present"]!.AsArray().Count);
        Assert.Equal("otherWorkflow", node["ignored"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Progress_for_a_receiver_counts_only_its_steps()
    {
        var file = Write(Presentation("https://w3id.org/traceability#us-steel-import-classification", Instance, "MillTestReportCredential"));
        var result = CliRunner.Run("workflow", "progress", "us-steel-import-classification", file, "--receiver", "CBP", "--json");
        Assert.Equal(0, result.ExitCode);
        var node = JsonNode.Parse(result.Output)!;
        Assert.Equal("CBP", node["receiver"]!.GetValue<string>());
        Assert.True(node["complete"]!.GetValue<bool>());
        Assert.Equal(3, node["steps"]![0]!["number"]!.GetValue<int>());

        var unknown = CliRunner.Run("workflow", "progress", "us-steel-import-classification", file, "--receiver", "Nobody");
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("tradeproof: error: 'Nobody' is not a party", Assert.Single(unknown.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_needs_an_instance_when_the_presentations_name_several_and_refuses_what_is_not_a_presentation()
    {
        var a = Write(Presentation(Entry, Instance, "PackingListCredential"));
        var b = Write(Presentation(Entry, "urn:uuid:00000000-0000-4000-8000-0000000000bb", "CommercialInvoiceCredential"));
        var ambiguous = CliRunner.Run("workflow", "progress", "us-cbp-entry", a, b);
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("--instance", Assert.Single(ambiguous.ErrorLines), StringComparison.Ordinal);

        var chosen = CliRunner.Run("workflow", "progress", "us-cbp-entry", a, b, "--instance", Instance, "--json");
        Assert.Equal(0, chosen.ExitCode);
        Assert.Equal("otherInstance", JsonNode.Parse(chosen.Output)!["ignored"]![0]!["reason"]!.GetValue<string>());

        var notJson = Path.Combine(_folder, "bad.json");
        File.WriteAllText(notJson, "{\"type\": \"VerifiablePresentation\"");
        var bad = CliRunner.Run("workflow", "progress", "us-cbp-entry", notJson);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith($"tradeproof: error: {notJson} is not a traceable presentation", Assert.Single(bad.ErrorLines), StringComparison.Ordinal);

        var missing = CliRunner.Run("workflow", "progress", "us-cbp-entry", Path.Combine(_folder, "absent.json"));
        Assert.Equal(1, missing.ExitCode);

        var noArguments = CliRunner.Run("workflow", "progress", "us-cbp-entry");
        Assert.Equal(2, noArguments.ExitCode);
    }

    [Fact]
    public void Progress_with_verify_accepts_a_signed_presentation_and_refuses_an_unsigned_or_tampered_one()
    {
        var unsigned = Presentation(Entry, Instance);
        var signed = new TraceablePresentationSigner(new DataIntegrityEngine()).Sign(unsigned, _importer, new PresentationSigningOptions
        {
            VerificationMethod = ImporterDid + "#" + _importer.PublicKey.ToMultibase(),
        });
        var good = CliRunner.Run("workflow", "progress", "us-cbp-entry", Write(signed), "--verify");
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("status: incomplete (0 of 5", good.Output, StringComparison.Ordinal);

        var unsignedRun = CliRunner.Run("workflow", "progress", "us-cbp-entry", Write(unsigned), "--verify");
        Assert.Equal(1, unsignedRun.ExitCode);
        Assert.Contains("does not verify", Assert.Single(unsignedRun.ErrorLines), StringComparison.Ordinal);

        var tampered = JsonNode.Parse(signed)!;
        tampered["workflow"]!["instance"]![0] = "urn:uuid:00000000-0000-4000-8000-0000000000cc";
        var tamperedRun = CliRunner.Run("workflow", "progress", "us-cbp-entry", Write(Encoding.UTF8.GetBytes(tampered.ToJsonString())), "--verify");
        Assert.Equal(1, tamperedRun.ExitCode);
    }

    // An unsigned traceable presentation from the importer carrying credentials (unsigned: progress reads types and issuers).
    private byte[] Presentation(string workflow, string instance, params string[] types)
    {
        var credentials = types.Select(type => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes($$"""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"],
              "id": "urn:uuid:c-{{_next++}}",
              "type": ["VerifiableCredential", "{{type}}"],
              "issuer": "did:web:seller.example",
              "credentialSubject": { "id": "{{ImporterDid}}" }
            }
            """)).ToList();
        return new TraceablePresentationBuilder(new SequenceRandom((byte)(_next * 16))).Build(new TraceablePresentationContent
        {
            Holder = ImporterDid,
            Definitions = [workflow],
            Instances = [instance],
            Credentials = credentials,
        });
    }

    private string Write(byte[] json)
    {
        var path = Path.Combine(_folder, $"presentation-{_next++}.json");
        File.WriteAllBytes(path, json);
        return path;
    }

    private sealed class SequenceRandom(byte seed) : IRandomSource
    {
        private byte _value = seed;

        public void Fill(Span<byte> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = _value++;
            }
        }
    }
}
