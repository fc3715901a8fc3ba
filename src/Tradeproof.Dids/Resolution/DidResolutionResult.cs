using System.Text.Json;

namespace Tradeproof.Dids;

/// <summary>DID resolution metadata (DID Resolution §"DID Resolution Metadata").</summary>
public sealed record DidResolutionMetadata
{
    /// <summary>The media type of the representation, on success.</summary>
    public string? ContentType { get; init; }

    /// <summary>The error code (<see cref="DidErrorCodes"/>), on failure.</summary>
    public string? Error { get; init; }

    /// <summary>A human-readable explanation of the error (never secret material).</summary>
    public string? ErrorMessage { get; init; }
}

/// <summary>DID document metadata (DID Resolution §"DID Document Metadata").</summary>
public sealed record DidDocumentMetadata
{
    public static DidDocumentMetadata Empty { get; } = new();

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Updated { get; init; }

    public bool? Deactivated { get; init; }
}

/// <summary>
/// The result of resolving a DID: the document (on success) and both metadata structures.
/// Resolution never throws for a bad DID or a failing method: <see cref="IsSuccess"/> is false and
/// <see cref="DidResolutionMetadata"/> carries the error code. <see cref="ToJson"/> gives the DID
/// Resolution result JSON (<c>didDocument</c>, <c>didResolutionMetadata</c>, <c>didDocumentMetadata</c>).
/// </summary>
public sealed record DidResolutionResult
{
    public DidDocument? DidDocument { get; init; }

    public required DidResolutionMetadata DidResolutionMetadata { get; init; }

    public DidDocumentMetadata DidDocumentMetadata { get; init; } = DidDocumentMetadata.Empty;

    /// <summary>True when there is a document and no error.</summary>
    public bool IsSuccess => DidDocument is not null && DidResolutionMetadata.Error is null;

    /// <summary>The error code, or null on success.</summary>
    public string? Error => DidResolutionMetadata.Error;

    public static DidResolutionResult Success(DidDocument document, string contentType = DidMediaTypes.DidJson, DidDocumentMetadata? metadata = null) => new()
    {
        DidDocument = document ?? throw new ArgumentNullException(nameof(document)),
        DidResolutionMetadata = new DidResolutionMetadata { ContentType = contentType },
        DidDocumentMetadata = metadata ?? DidDocumentMetadata.Empty,
    };

    public static DidResolutionResult Failure(string error, string? message = null) => new()
    {
        DidResolutionMetadata = new DidResolutionMetadata { Error = error ?? throw new ArgumentNullException(nameof(error)), ErrorMessage = message },
    };

    /// <summary>Writes the DID Resolution result JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName("didDocument");
        if (DidDocument is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            DidDocument.WriteTo(writer);
        }

        writer.WriteStartObject("didResolutionMetadata");
        WriteOptional(writer, "contentType", DidResolutionMetadata.ContentType);
        WriteOptional(writer, "error", DidResolutionMetadata.Error);
        WriteOptional(writer, "errorMessage", DidResolutionMetadata.ErrorMessage);
        writer.WriteEndObject();
        writer.WriteStartObject("didDocumentMetadata");
        if (DidDocumentMetadata.Created is { } created)
        {
            writer.WriteString("created", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (DidDocumentMetadata.Updated is { } updated)
        {
            writer.WriteString("updated", updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (DidDocumentMetadata.Deactivated is { } deactivated)
        {
            writer.WriteBoolean("deactivated", deactivated);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The DID Resolution result as JSON text.</summary>
    public string ToJson(bool indented = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
