namespace Tradeproof.Trade.Vocabulary;

/// <summary>What a schema check of a credential found.</summary>
public enum CredentialValidationStatus
{
    /// <summary>The credential satisfies the schema of every catalogued type it declares.</summary>
    Valid,

    /// <summary>Checked, and invalid: <see cref="CredentialValidationResult.Violations"/> lists each violation.</summary>
    Invalid,

    /// <summary>The credential declares no catalogued type (its <c>type</c> is missing or names none): nothing to check against.</summary>
    UnknownType,

    /// <summary>The input is not a JSON object within the limits (malformed, too large, too deep).</summary>
    Unreadable,

    /// <summary>The check could not finish (a schema limit was reached): neither valid nor invalid.</summary>
    CouldNotCheck,
}
