using System.Text.Json;

namespace Tradeproof.JsonSchema;

/// <summary>Options of <see cref="JsonSchemaCompiler"/>; every limit has a safe default.</summary>
public sealed class JsonSchemaOptions
{
    /// <summary>The default options.</summary>
    public static JsonSchemaOptions Default { get; } = new();

    /// <summary>
    /// Resolves a remote schema resource by its absolute URI (without fragment), or returns null when unknown.
    /// It is the only way a remote reference is followed: the library never touches the network. The 2020-12
    /// meta-schemas are embedded and need no resolver.
    /// </summary>
    public Func<Uri, JsonElement?>? RemoteResolver { get; init; }

    /// <summary>
    /// The base URI of a schema without an absolute <c>$id</c> (default <c>https://tradeproof.invalid/schema</c>).
    /// </summary>
    public Uri? BaseUri { get; init; }

    /// <summary>
    /// When true, <c>format</c> asserts (date-time, date, time, duration, email, hostname, ipv4, ipv6, uri,
    /// uri-reference, iri, iri-reference, uuid, json-pointer, relative-json-pointer, regex); unknown formats still
    /// pass. When false (the default), <c>format</c> is an annotation only, unless the schema's meta-schema
    /// declares the format-assertion vocabulary.
    /// </summary>
    public bool AssertFormat { get; init; }

    /// <summary>The deepest nesting of schema evaluations (default 500); deeper throws <see cref="JsonSchemaException"/>.</summary>
    public int MaxDepth { get; init; } = 500;

    /// <summary>
    /// The longest chain of <c>$ref</c>/<c>$dynamicRef</c> hops at one instance location (default 64), so that a
    /// schema referring to itself cannot loop forever; longer throws <see cref="JsonSchemaException"/>.
    /// </summary>
    public int MaxRefChain { get; init; } = 64;

    /// <summary>The match timeout of each <c>pattern</c> and <c>patternProperties</c> regular expression (default 1 s).</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
