namespace Tradeproof.Credentials.Verification;

/// <summary>The securing mechanism and kind of an input, as the verifier detected it.</summary>
public enum CredentialFormat
{
    /// <summary>Not recognised (not JSON, not a compact JWS, not an SD-JWT).</summary>
    Unknown,

    /// <summary>A credential secured with Data Integrity proofs (VC Data Integrity 1.0), JSON.</summary>
    DataIntegrityCredential,

    /// <summary>A presentation secured with Data Integrity proofs, JSON.</summary>
    DataIntegrityPresentation,

    /// <summary>A VC-JWT (<c>application/vc+jwt</c>, VC-JOSE-COSE §3.1.1), compact JWS.</summary>
    VcJwt,

    /// <summary>A VP-JWT (<c>application/vp+jwt</c>, VC-JOSE-COSE §3.1.2), compact JWS.</summary>
    VpJwt,

    /// <summary>An SD-JWT VC (<c>dc+sd-jwt</c>, RFC 9901), with or without key binding.</summary>
    SdJwtVc,
}

/// <summary>Helpers on <see cref="CredentialFormat"/>.</summary>
public static class CredentialFormats
{
    /// <summary>True for the presentation formats.</summary>
    public static bool IsPresentation(this CredentialFormat format) =>
        format is CredentialFormat.DataIntegrityPresentation or CredentialFormat.VpJwt;

    /// <summary>A short stable name (<c>data-integrity-credential</c>, <c>vc+jwt</c>, ...), as the CLI's JSON prints it.</summary>
    public static string Name(this CredentialFormat format) => format switch
    {
        CredentialFormat.DataIntegrityCredential => "data-integrity-credential",
        CredentialFormat.DataIntegrityPresentation => "data-integrity-presentation",
        CredentialFormat.VcJwt => "vc+jwt",
        CredentialFormat.VpJwt => "vp+jwt",
        CredentialFormat.SdJwtVc => "dc+sd-jwt",
        _ => "unknown",
    };
}
