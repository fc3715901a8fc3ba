namespace Tradeproof.Trade.Rules;

/// <summary>One outcome of one rule: its stable code, severity, message, and the credential (and JSON pointer inside it) it is about.</summary>
/// <param name="Code">The rule's code (e.g. <c>STEEL-MELT-POUR-MISSING</c>).</param>
/// <param name="Severity">Pass, warn or fail.</param>
/// <param name="Message">What was found, with the values involved.</param>
/// <param name="CredentialId">The credential concerned, when one is.</param>
/// <param name="Pointer">A JSON pointer (RFC 6901) into that credential, when a member is concerned.</param>
public sealed record Finding(string Code, FindingSeverity Severity, string Message, string? CredentialId = null, string? Pointer = null);
