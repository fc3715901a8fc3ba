using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Scale;

/// <summary>
/// Realistic, cheap data: the mill test report (shared/design/fixtures) issued by a did:key with eddsa-rdfc-2022
/// once, then varied by id (same length, written over the signed bytes); the twin events the trade layer extracts
/// from it (TwinEventExtraction.Default, serialised by TwinEventJson), varied by event id and twin; presentations
/// shaped as the inbox's TraceablePresentations.
/// </summary>
internal sealed class Data
{
    public const string Tenant = "acme";
    private const string TemplateId = "urn:uuid:00000000-0000-4000-8000-000000000000";
    private const string EventMarker = "urn:x-scale:event";
    private const string TwinMarker = "urn:x-scale:twin";
    private readonly byte[] _credential;
    private readonly int _idOffset;
    private readonly string[] _eventTemplates;
    private readonly string[] _eventTypes;

    public Data(string fixturePath)
    {
        using var key = KeyPair.FromSecretBytes(KeyType.Ed25519, [.. Enumerable.Range(7, 32).Select(i => (byte)i)]);
        var did = "did:key:" + key.PublicKey.ToMultibase();
        var document = JsonNode.Parse(File.ReadAllBytes(fixturePath))!.AsObject();
        document["id"] = TemplateId;
        // The trade layer's MillTestReportCredential members (as the demo's steel mill issues them), so the twin
        // extraction finds its manufacture and origin events in the fixture.
        if (document["credentialSubject"] is JsonObject subject)
        {
            subject["certificateNumber"] = "MTR-2025-004817";
            subject["productSpecification"] = JsonNode.Parse("""{ "type": ["SteelProduct"], "standard": "ASTM", "grade": "A572 Grade 50", "productDescription": "Hot-rolled steel coil, pickled and oiled" }""");
            subject["inspections"] = JsonNode.Parse("""[{ "type": ["Inspection"], "productIdentifier": "urn:epc:id:sgtin:0614141.107346.2017", "heatNumber": "H24-118734", "totalWeight": { "type": ["MeasuredValue"], "value": "24850", "unitCode": "KGM" }, "countryOfManufacture": "US", "countryOfMeltAndPour": "US", "meltPractice": "EAF" }]""");
        }

        if (document["issuer"] is JsonObject issuer)
        {
            issuer["id"] = did;
        }
        else
        {
            document["issuer"] = did;
        }

        _credential = new DataIntegrityEngine().AddProof(Encoding.UTF8.GetBytes(document.ToJsonString()),
            new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = did + "#" + key.PublicKey.ToMultibase(), Created = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero) }, key);
        _idOffset = _credential.AsSpan().IndexOf(Encoding.UTF8.GetBytes(TemplateId));
        if (_idOffset < 0 || _credential.AsSpan(_idOffset + 1).IndexOf(Encoding.UTF8.GetBytes(TemplateId)) >= 0)
        {
            throw new InvalidOperationException("The template id must occur exactly once in the signed credential.");
        }

        using var json = JsonDocument.Parse(_credential);
        var received = new ReceivedCredential(json.RootElement.Clone(), true, did, new DateTimeOffset(2026, 7, 2, 9, 0, 0, TimeSpan.Zero));
        var events = TwinEventExtraction.Default.Extract(received);
        if (events.Count == 0)
        {
            throw new InvalidOperationException("The trade layer extracted no twin event from the fixture.");
        }

        // Markers where each event's own id and twin go (one template string per extracted event).
        _eventTemplates = [.. events.Select(e => TwinEventJson.ToJson(new TwinEvent(EventMarker, e.Type, [TwinMarker], e.Time, e.Source, e.Payload)))];
        _eventTypes = [.. events.Select(e => TwinEventJson.TypeName(e.Type))];
        EventSubjects = events[0].SubjectIds;
        CredentialBytes = _credential.Length;
        EventBytes = (int)_eventTemplates.Average(t => Encoding.UTF8.GetByteCount(t));
    }

    public int CredentialBytes { get; }

    public int EventBytes { get; }

    public IReadOnlyList<string> EventSubjects { get; }

    public int TemplateCount => _eventTemplates.Length;

    public static string CredentialId(long n) => string.Create(CultureInfo.InvariantCulture, $"urn:uuid:00000000-0000-4000-8000-{n:x12}");

    public static string StreamId(long n) => string.Create(CultureInfo.InvariantCulture, $"urn:epc:id:sgtin:0614141.107346.{n}");

    public static string PresentationId(long n) => string.Create(CultureInfo.InvariantCulture, $"urn:uuid:11111111-0000-4000-8000-{n:x12}");

    public CredentialRecord Credential(long n)
    {
        var bytes = (byte[])_credential.Clone();
        Encoding.UTF8.GetBytes(CredentialId(n)).CopyTo(bytes, _idOffset);
        return new CredentialRecord(CredentialId(n), CredentialDirection.Received, "application/vc", bytes, "did:key:mill", "{\"verified\":true}");
    }

    /// <summary>A TraceablePresentation-shaped inbox entry naming the credentials it carried.</summary>
    public static PresentationRecord Presentation(long n, IEnumerable<string> credentialIds) =>
        new(PresentationId(n), Encoding.UTF8.GetBytes(
            $$"""{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"{{PresentationId(n)}}","type":["VerifiablePresentation","TraceablePresentation"],"holder":"did:web:broker.example","workflow":{"definition":["mill-to-port"],"instance":["{{n}}"]},"verifiableCredential":[{{string.Join(",", credentialIds.Select(id => $"\"{id}\""))}}]}"""),
            "did:web:broker.example", "{\"verified\":true,\"checks\":[\"proof\",\"status\",\"issuer\"]}");

    /// <summary>Event <paramref name="j"/> of twin <paramref name="stream"/> (the templates in turn, ids varied).</summary>
    public TwinEventData Event(long stream, int j, long credential)
    {
        var template = _eventTemplates[j % _eventTemplates.Length];
        var streamId = StreamId(stream);
        var eventId = string.Create(CultureInfo.InvariantCulture, $"urn:uuid:22222222-{j:x4}-4000-8000-{stream:x12}");
        var payload = template.Replace(TemplateId, CredentialId(credential), StringComparison.Ordinal)
            .Replace(EventMarker, eventId, StringComparison.Ordinal).Replace(TwinMarker, streamId, StringComparison.Ordinal);
        return new TwinEventData(eventId, _eventTypes[j % _eventTypes.Length], payload, [streamId]);
    }
}
