using System.Text.Json.Serialization;

namespace Tradeproof.Node;

/// <summary>Source-generated JSON for the few plain values the node serialises.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class NodeJsonContext : JsonSerializerContext;
