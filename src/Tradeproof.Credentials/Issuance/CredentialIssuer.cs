namespace Tradeproof.Credentials.Issuance;

/// <summary>The issuer (work in progress: see the README).</summary>
public sealed class CredentialIssuer
{
}
