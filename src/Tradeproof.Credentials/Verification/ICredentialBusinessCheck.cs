using System.Text.Json;

namespace Tradeproof.Credentials.Verification;

/// <summary>What a business check sees: a credential whose proofs, binding and status have been checked.</summary>
/// <param name="Format">How it was secured.</param>
/// <param name="Issuer">The issuer.</param>
/// <param name="Types">Its types (for an SD-JWT VC, the <c>vct</c>).</param>
/// <param name="Claims">The credential JSON (for an SD-JWT VC, the processed payload with the disclosed claims).</param>
public sealed record BusinessCheckContext(CredentialFormat Format, string Issuer, IReadOnlyList<string> Types, JsonElement Claims);

/// <summary>
/// A business-rule hook (security.md step 12): JSON Schema of the trade type, code lists, admissibility. Returns
/// the problems found (empty when the credential passes). Implemented by the trade layer.
/// </summary>
public interface ICredentialBusinessCheck
{
    /// <summary>A short name for the check list (e.g. <c>trade-schema</c>).</summary>
    string Name { get; }

    /// <summary>Checks the credential; an empty list means it passes.</summary>
    ValueTask<IReadOnlyList<Problem>> CheckAsync(BusinessCheckContext credential, CancellationToken cancellationToken = default);
}
