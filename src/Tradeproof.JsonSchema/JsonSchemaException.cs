namespace Tradeproof.JsonSchema;

/// <summary>
/// A schema could not be compiled or an instance could not be checked (never "the instance is invalid": that is
/// a <see cref="ValidationResult"/>). <see cref="Code"/> is one of the <see cref="JsonSchemaErrorCodes"/>.
/// </summary>
public sealed class JsonSchemaException : Exception
{
    public JsonSchemaException()
        : this(JsonSchemaErrorCodes.InvalidSchema, "Invalid schema.")
    {
    }

    public JsonSchemaException(string message)
        : this(JsonSchemaErrorCodes.InvalidSchema, message)
    {
    }

    public JsonSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = JsonSchemaErrorCodes.InvalidSchema;
    }

    public JsonSchemaException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public JsonSchemaException(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Why: one of the <see cref="JsonSchemaErrorCodes"/>.</summary>
    public string Code { get; }
}

/// <summary>The codes of <see cref="JsonSchemaException"/>.</summary>
public static class JsonSchemaErrorCodes
{
    /// <summary>A keyword has a value the 2020-12 specification does not allow.</summary>
    public const string InvalidSchema = "invalid-schema";

    /// <summary>A <c>$ref</c>, <c>$dynamicRef</c> or <c>$schema</c> names a resource that is neither embedded, nor in the schema, nor given by the resolver.</summary>
    public const string UnresolvableReference = "unresolvable-reference";

    /// <summary>The meta-schema requires a vocabulary this implementation does not know (Core 8.1.2).</summary>
    public const string UnknownVocabulary = "unknown-vocabulary";

    /// <summary>Evaluation nested deeper than <see cref="JsonSchemaOptions.MaxDepth"/>.</summary>
    public const string MaxDepthExceeded = "max-depth-exceeded";

    /// <summary>More than <see cref="JsonSchemaOptions.MaxRefChain"/> reference hops at one instance location.</summary>
    public const string MaxRefChainExceeded = "max-ref-chain-exceeded";

    /// <summary>A regular expression ran longer than <see cref="JsonSchemaOptions.RegexTimeout"/>.</summary>
    public const string RegexTimeout = "regex-timeout";
}
