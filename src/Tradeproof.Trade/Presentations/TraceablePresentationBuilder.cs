using System.Text.Encodings.Web;
using System.Text.Json;
using Tradeproof.Credentials;
using Tradeproof.Cryptography;

namespace Tradeproof.Trade.Presentations;

/// <summary>
/// Builds an unsigned traceable presentation: <c>@context</c> (the VC base context of the chosen version, then the
/// traceability context), <c>id</c>, <c>type</c> [VerifiablePresentation, TraceablePresentation], <c>holder</c>,
/// <c>workflow</c> {<c>definition</c>, <c>instance</c>}, <c>replace</c> when given, <c>verifiableCredential</c>.
/// The result is checked with <see cref="TraceablePresentation.TryParse"/> before it is returned.
/// </summary>
public sealed class TraceablePresentationBuilder
{
    private readonly IRandomSource _random;

    /// <summary>Creates a builder that draws presentation ids from <paramref name="random"/>.</summary>
    public TraceablePresentationBuilder(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>Builds the presentation (UTF-8 JSON, no proof).</summary>
    /// <exception cref="PresentationContentException">A credential is not a JSON object, or the result is not a valid traceable presentation (the message lists why).</exception>
    public byte[] Build(TraceablePresentationContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = content.Id ?? NewUuidUrn();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("@context");
            writer.WriteStringValue(content.Version == DataModelVersion.V1_1 ? CredentialContexts.V1 : CredentialContexts.V2);
            writer.WriteStringValue(TraceablePresentation.TraceabilityContext);
            writer.WriteEndArray();
            writer.WriteString("id", id);
            writer.WriteStartArray("type");
            writer.WriteStringValue(VerifiablePresentation.BaseType);
            writer.WriteStringValue(TraceablePresentation.Type);
            writer.WriteEndArray();
            writer.WriteString("holder", content.Holder);
            writer.WriteStartObject("workflow");
            WriteList(writer, "definition", content.Definitions);
            WriteList(writer, "instance", content.Instances);
            writer.WriteEndObject();
            if (content.Replace is not null)
            {
                writer.WriteString("replace", content.Replace);
            }

            writer.WriteStartArray("verifiableCredential");
            for (var i = 0; i < content.Credentials.Count; i++)
            {
                WriteCredential(writer, content.Credentials[i], i);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var utf8 = buffer.ToArray();
        if (!TraceablePresentation.TryParse(utf8, new DataModelOptions { Versions = [content.Version] }, out _, out var problems))
        {
            throw new PresentationContentException("Not a valid traceable presentation: " + string.Join("; ", problems));
        }

        return utf8;
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteCredential(Utf8JsonWriter writer, ReadOnlyMemory<byte> credential, int index)
    {
        try
        {
            using var document = JsonDocument.Parse(credential, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PresentationContentException($"Credential {index} is not a JSON object.");
            }

            document.RootElement.WriteTo(writer);
        }
        catch (JsonException e)
        {
            throw new PresentationContentException($"Credential {index} is not JSON: {e.Message}", e);
        }
    }

    // A random (version 4) UUID URN (RFC 9562 §5.4).
    private string NewUuidUrn()
    {
        Span<byte> b = stackalloc byte[16];
        _random.Fill(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(b);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
