using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials;
using Tradeproof.Trade.Presentations;
using static Tradeproof.Trade.Tests.Presentations.PresentationFixture;

namespace Tradeproof.Trade.Tests.Presentations;

/// <summary>The shape of a traceable presentation: what the builder writes and what parsing refuses.</summary>
public sealed class TraceablePresentationModelTests : IDisposable
{
    private readonly PresentationFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void The_builder_writes_the_traceable_shape_with_a_generated_uuid_urn()
    {
        var json = _f.Build(_f.Importer, [], replace: "urn:uuid:11111111-2222-4333-8444-555555555555");
        var node = JsonNode.Parse(json)!;
        Assert.Equal(["https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"], node["@context"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["VerifiablePresentation", "TraceablePresentation"], node["type"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("urn:uuid:40414243-4445-4647-8849-4a4b4c4d4e4f", node["id"]!.GetValue<string>());
        Assert.Equal(EntryWorkflow, node["workflow"]!["definition"]![0]!.GetValue<string>());
        Assert.Equal(Instance, node["workflow"]!["instance"]![0]!.GetValue<string>());

        var parsed = Parse(json);
        Assert.Equal(("urn:uuid:11111111-2222-4333-8444-555555555555", _f.Importer.Did), (parsed.Replace, parsed.Holder));
        Assert.Empty(parsed.Credentials);
    }

    [Fact]
    public void A_version_1_1_presentation_is_built_and_signed()
    {
        var unsigned = _f.Builder.Build(new TraceablePresentationContent
        {
            Holder = _f.Importer.Did,
            Definitions = [EntryWorkflow],
            Instances = [Instance],
            Version = DataModelVersion.V1_1,
        });
        Assert.Equal("https://www.w3.org/2018/credentials/v1", JsonNode.Parse(unsigned)!["@context"]![0]!.GetValue<string>());
        Assert.True(_f.Verify(_f.Sign(_f.Importer, unsigned)).Verified);
    }

    [Fact]
    public void The_builder_refuses_credentials_that_are_not_objects_and_invalid_content()
    {
        Assert.Throws<PresentationContentException>(() => _f.Build(_f.Importer, [Encoding.UTF8.GetBytes("[1]")]));
        Assert.Throws<PresentationContentException>(() => _f.Build(_f.Importer, [Encoding.UTF8.GetBytes("{")]));
        Assert.Throws<PresentationContentException>(() => _f.Build(_f.Importer, [], id: "https://example.com/not-a-uuid"));
        Assert.Throws<PresentationContentException>(() => _f.Build(_f.Importer, [], instance: "not an iri"));
        Assert.Throws<PresentationContentException>(() => _f.Build(_f.Importer, [], replace: "urn:uuid:40414243-4445-4647-8849-4a4b4c4d4e4f", id: "urn:uuid:40414243-4445-4647-8849-4a4b4c4d4e4f"));
    }

    [Theory]
    [InlineData("workflow", null, "Missing workflow")]
    [InlineData("workflow", """{"definition": []}""", "Invalid workflow.definition")]
    [InlineData("workflow", """{"definition": ["https://w3id.org/traceability#us-cbp-entry"], "instance": "urn:uuid:0f3e2a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b"}""", "Invalid workflow.instance")]
    [InlineData("workflow", """{"definition": ["https://w3id.org/traceability#us-cbp-entry", "https://w3id.org/traceability#us-cbp-entry"], "instance": ["urn:x:1"]}""", "Invalid workflow.definition")]
    [InlineData("workflow", """{"definition": [42], "instance": ["urn:x:1"]}""", "Invalid workflow.definition")]
    [InlineData("id", "\"https://example.com/p/1\"", "Invalid presentation id")]
    [InlineData("holder", null, "Missing holder")]
    [InlineData("replace", "42", "Invalid replace")]
    [InlineData("replace", "\"urn:uuid:40414243-4445-4647-8849-4a4b4c4d4e4f\"", "Presentation replaces itself")]
    [InlineData("type", "[\"VerifiablePresentation\"]", "Not a traceable presentation")]
    public void Parsing_refuses_what_is_not_a_traceable_presentation(string member, string? value, string title)
    {
        var json = Edit(_f.Build(_f.Importer, []), n =>
        {
            n.Remove(member);
            if (value is not null)
            {
                n[member] = JsonNode.Parse(value);
            }
        });
        Assert.False(TraceablePresentation.TryParse(json, null, out var parsed, out var problems));
        Assert.Null(parsed);
        Assert.Contains(problems, p => p.Title == title && p.Type == ProblemTypes.MalformedValueError);
    }

    [Fact]
    public void Received_credentials_carry_their_id_types_and_issuer()
    {
        var invoice = _f.Issue(_f.Seller, "CommercialInvoiceCredential", _f.Importer.Did, "ecdsa-rdfc-2019");
        var received = Parse(_f.Build(_f.Importer, [invoice])).ToReceived(Now);
        var credential = Assert.Single(received.Credentials);
        Assert.Equal(["VerifiableCredential", "CommercialInvoiceCredential"], credential.Types);
        Assert.Equal(_f.Seller.Did, credential.Issuer);
        Assert.StartsWith("urn:uuid:", credential.Id, StringComparison.Ordinal);
        Assert.Equal((EntryWorkflow, Instance, Now), (received.Definitions[0], received.Instances[0], received.ReceivedAt!.Value));
    }
}
