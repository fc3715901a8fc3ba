using System.Text.Json;

namespace Tradeproof.Credentials.Issuance;

/// <summary>
/// Gives a new credential its status entries (e.g. a <c>BitstringStatusListEntry</c> with a freshly allocated,
/// never reused index). The issuer calls it when <see cref="IssuanceOptions.StatusPurposes"/> is not empty and
/// embeds the returned entries as <c>credentialStatus</c>. Implemented by StatusLists/.
/// </summary>
public interface ICredentialStatusAllocator
{
    /// <summary>Allocates one entry per requested purpose (in the order asked).</summary>
    ValueTask<IReadOnlyList<CredentialStatusEntry>> AllocateAsync(CredentialStatusRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What the issuer asks a status allocator for.</summary>
public sealed record CredentialStatusRequest
{
    /// <summary>The new credential's <c>id</c> (a <c>urn:uuid:</c>), for the allocator's records.</summary>
    public required string CredentialId { get; init; }

    /// <summary>The issuer's id (the list must be issued by the same issuer).</summary>
    public required string Issuer { get; init; }

    /// <summary>The credential's types.</summary>
    public IReadOnlyList<string> CredentialTypes { get; init; } = [];

    /// <summary>The status purposes wanted, e.g. <c>revocation</c>, <c>suspension</c>.</summary>
    public required IReadOnlyList<string> StatusPurposes { get; init; }
}

/// <summary>One <c>credentialStatus</c> entry to embed (a JSON object such as a BitstringStatusListEntry).</summary>
/// <param name="Json">The entry object (self-contained: clone it if it comes from a disposable document).</param>
public sealed record CredentialStatusEntry(JsonElement Json);
