using System.Globalization;
using System.Net;
using System.Text;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids;

/// <summary>
/// did:web (W3C CCG did:web Method): the DID names an HTTPS URL of its did.json. Hosts are
/// ASCII domain names only (IP literals, non-ASCII and malformed names are invalid DIDs), path
/// segments must not be empty, "." or "..", and a port is written as <c>%3A</c>.
/// </summary>
public static class DidWeb
{
    /// <summary>The did:web DID of a domain (and optional port and path segments).</summary>
    /// <exception cref="ArgumentException">The domain or a segment is not acceptable.</exception>
    public static Did Create(string domain, int? port = null, params IEnumerable<string> path)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var builder = new StringBuilder(domain.ToLowerInvariant());
        if (port is not null)
        {
            builder.Append("%3A").Append(port.Value.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var segment in path)
        {
            builder.Append(':').Append(Uri.EscapeDataString(segment).Replace(":", "%3A", StringComparison.Ordinal));
        }

        if (!Did.TryParse("did:web:" + builder, out var did) || !TryGetUrl(did, false, out _, out var error))
        {
            throw new ArgumentException("Not a valid did:web domain or path.", nameof(domain));
        }

        _ = error;
        return did;
    }

    /// <summary>
    /// The URL of the DID's document (did:web §"Read"): ':' becomes '/', a percent-encoded port is
    /// decoded, https:// is prepended, /.well-known is used when there is no path, /did.json is appended.
    /// </summary>
    /// <exception cref="DidSyntaxException">Not a valid did:web DID (code <c>invalidDid</c>).</exception>
    public static Uri ToUrl(Did did, bool allowHttpForLocalhost = false) =>
        TryGetUrl(did, allowHttpForLocalhost, out var url, out var error) ? url : throw new DidSyntaxException(DidErrorCodes.InvalidDid, error);

    /// <summary>
    /// A DID document for the keys of an organisation (to publish as did.json): one Multikey method
    /// per key (<c>#key-1</c>, ...), signing keys under authentication, assertionMethod and the
    /// capability relationships, X25519 keys under keyAgreement.
    /// </summary>
    public static DidDocument CreateDocument(Did did, IEnumerable<PublicKey> keys)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(keys);
        var id = did.ToString();
        var methods = new List<VerificationMethod>();
        var signing = new List<VerificationRelationshipEntry>();
        var agreement = new List<VerificationRelationshipEntry>();
        foreach (var key in keys)
        {
            var method = new VerificationMethod
            {
                Id = id + "#key-" + (methods.Count + 1).ToString(CultureInfo.InvariantCulture),
                Type = VerificationMethod.MultikeyType,
                Controller = id,
                PublicKeyMultibase = key.ToMultibase(),
            };
            methods.Add(method);
            (key.Type == KeyType.X25519 ? agreement : signing).Add(VerificationRelationshipEntry.ForReference(method.Id));
        }

        using var context = System.Text.Json.JsonDocument.Parse("[\"https://www.w3.org/ns/did/v1\",\"https://w3id.org/security/multikey/v1\"]");
        return DidDocument.ForKeys(context.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray(), id, methods, signing, agreement);
    }

    internal static bool TryGetUrl(Did did, bool allowHttpForLocalhost, out Uri url, out string error)
    {
        ArgumentNullException.ThrowIfNull(did);
        url = null!;
        if (!string.Equals(did.Method, "web", StringComparison.Ordinal))
        {
            error = "Not a did:web DID.";
            return false;
        }

        // Step 1: ':' separates the host from the path segments.
        var parts = did.MethodSpecificId.Split(':');
        var hostPart = parts[0];

        // Step 2: a port is percent-encoded as %3A in the host part.
        string host;
        int? port = null;
        var portIndex = hostPart.IndexOf("%3A", StringComparison.Ordinal);
        if (portIndex >= 0)
        {
            host = hostPart[..portIndex];
            var portText = hostPart[(portIndex + 3)..];
            if (portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit)
                || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var portValue) || portValue is < 1 or > 65535)
            {
                error = "The did:web port must be a number from 1 to 65535.";
                return false;
            }

            port = portValue;
        }
        else
        {
            host = hostPart;
        }

        if (!IsDomainName(host, out error))
        {
            return false;
        }

        var builder = new StringBuilder();
        var isLocalhost = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);
        builder.Append(allowHttpForLocalhost && isLocalhost ? "http://" : "https://").Append(host.ToLowerInvariant());
        if (port is not null)
        {
            builder.Append(':').Append(port.Value.ToString(CultureInfo.InvariantCulture));
        }

        // Steps 3-5: the path segments (or /.well-known), then /did.json.
        if (parts.Length == 1)
        {
            builder.Append("/.well-known");
        }

        for (var i = 1; i < parts.Length; i++)
        {
            string segment;
            try
            {
                segment = Uri.UnescapeDataString(parts[i]);
            }
            catch (UriFormatException)
            {
                error = "Invalid percent-encoding in a did:web path.";
                return false;
            }

            if (segment.Length == 0 || segment is "." or ".." || segment.Any(c => c is '/' or '\\' or '%' || c < 0x21 || c > 0x7e))
            {
                error = "did:web path segments must be non-empty printable ASCII, without '/', '\\', '.' or '..'.";
                return false;
            }

            builder.Append('/').Append(Uri.EscapeDataString(segment));
        }

        builder.Append("/did.json");
        if (!Uri.TryCreate(builder.ToString(), UriKind.Absolute, out var created))
        {
            error = "The did:web URL is not valid.";
            return false;
        }

        url = created;
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// An ASCII DNS name (RFC 1123 labels of letters, digits and hyphens, at most 253 characters)
    /// that is not an IP address (in any numeric form: the last label must not be all digits).
    /// </summary>
    private static bool IsDomainName(string host, out string error)
    {
        error = string.Empty;
        if (host.Contains('%', StringComparison.Ordinal))
        {
            error = "A did:web host must be an ASCII domain name (no percent-encoded or Unicode characters).";
            return false;
        }

        if (IPAddress.TryParse(host, out _))
        {
            error = "A did:web host must be a domain name, not an IP address.";
            return false;
        }

        if (host.Length is 0 or > 253)
        {
            error = "A did:web host must have 1 to 253 characters.";
            return false;
        }

        var labels = host.Split('.');
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                error = "A did:web host must be made of DNS labels (letters, digits, inner hyphens).";
                return false;
            }
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            error = "A did:web host must be a domain name, not a numeric address.";
            return false;
        }

        return true;
    }
}
