using System.Text.Json;
using Tradeproof.Customs.Intake;

namespace Tradeproof.Customs.Agencies;

/// <summary>What a partner government agency said in a PGAShipmentStatusCredential.</summary>
/// <param name="Released">True when every status item is a release (<c>may proceed</c> or <c>released</c>).</param>
/// <param name="EntryNumber">The entry the statuses are about (<c>entryNo</c>), when given.</param>
/// <param name="Statuses">Each item's code and description.</param>
public sealed record PgaShipmentStatus(bool Released, string? EntryNumber, IReadOnlyList<(string Code, string Description)> Statuses)
{
    /// <summary>The credential type.</summary>
    public const string CredentialType = "PGAShipmentStatusCredential";

    /// <summary>Status codes meaning release (the traceability example: <c>O7</c> May Proceed).</summary>
    public static IReadOnlySet<string> ReleaseCodes { get; } = new HashSet<string>(StringComparer.Ordinal) { "O7", "07" };

    /// <summary>Reads the statuses of a PGA shipment status credential, or null when it is not one or holds none.</summary>
    public static PgaShipmentStatus? Read(JsonElement credential)
    {
        if (!CredentialFields.Strings(credential, "type").Contains(CredentialType))
        {
            return null;
        }

        var items = CredentialFields.Objects(credential, "credentialSubject", "pgaShipmentStatusItems");
        if (items.Count == 0)
        {
            return null;
        }

        var statuses = items.Select(i => (CredentialFields.Str(i, "statusCode") ?? "", CredentialFields.Str(i, "statusCodeDescription") ?? "")).ToList();
        var released = statuses.All(s => ReleaseCodes.Contains(s.Item1) || s.Item2.Contains("may proceed", StringComparison.OrdinalIgnoreCase) || s.Item2.Contains("released", StringComparison.OrdinalIgnoreCase));
        return new PgaShipmentStatus(released, items.Select(i => CredentialFields.Str(i, "entryNo")).FirstOrDefault(e => e is not null), statuses);
    }
}
