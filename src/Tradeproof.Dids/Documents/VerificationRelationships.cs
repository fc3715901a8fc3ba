namespace Tradeproof.Dids;

/// <summary>The verification relationship names of DID Core §5.3.</summary>
public static class VerificationRelationships
{
    public const string Authentication = "authentication";
    public const string AssertionMethod = "assertionMethod";
    public const string KeyAgreement = "keyAgreement";
    public const string CapabilityInvocation = "capabilityInvocation";
    public const string CapabilityDelegation = "capabilityDelegation";

    /// <summary>All five, in the order we write them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Authentication, AssertionMethod, CapabilityDelegation, CapabilityInvocation, KeyAgreement];
}
