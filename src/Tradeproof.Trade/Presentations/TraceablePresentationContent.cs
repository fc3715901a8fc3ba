using Tradeproof.Credentials;

namespace Tradeproof.Trade.Presentations;

/// <summary>What a traceable presentation carries (input of <see cref="TraceablePresentationBuilder"/>).</summary>
public sealed record TraceablePresentationContent
{
    /// <summary>The holder: the presenting party's DID (it must sign the presentation).</summary>
    public required string Holder { get; init; }

    /// <summary>The workflow definitions (IRIs, e.g. <c>https://w3id.org/traceability#us-cbp-entry</c>).</summary>
    public required IReadOnlyList<string> Definitions { get; init; }

    /// <summary>The workflow instances (usually one UUID URN; several to join instances).</summary>
    public required IReadOnlyList<string> Instances { get; init; }

    /// <summary>The credentials, each a secured credential as JSON (Data Integrity, or an enveloped VC-JWT).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Credentials { get; init; } = [];

    /// <summary>The id of the earlier presentation this one replaces, or null.</summary>
    public string? Replace { get; init; }

    /// <summary>The presentation's id; null to generate a UUID URN from the builder's random source.</summary>
    public string? Id { get; init; }

    /// <summary>The data model version: 2.0 (default, and required for VP-JWT) or 1.1.</summary>
    public DataModelVersion Version { get; init; } = DataModelVersion.V2_0;
}
