namespace Tradeproof.Trade.Vocabulary;

/// <summary>One schema violation.</summary>
/// <param name="Pointer">JSON Pointer (RFC 6901) to the offending value in the credential; empty for the whole credential.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="KeywordLocation">JSON Pointer to the failing keyword along the schema's evaluation path.</param>
public sealed record SchemaViolation(string Pointer, string Message, string KeywordLocation);
