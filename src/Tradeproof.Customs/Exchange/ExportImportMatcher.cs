using System.Globalization;
using System.Text.Json;
using Tradeproof.Customs.Intake;

namespace Tradeproof.Customs.Exchange;

/// <summary>One difference between the export declaration and the import entry.</summary>
/// <param name="Field">What differs: <c>exportCountry</c>, <c>destinationCountry</c>, <c>consignee</c>, <c>shipment</c>, <c>hsCode</c>, <c>quantity</c>, <c>value</c>, <c>date</c>.</param>
/// <param name="Exported">The export declaration's value (null: not declared).</param>
/// <param name="Imported">The import entry's value (null: not declared).</param>
/// <param name="Message">The difference in words.</param>
public sealed record ExportImportDifference(string Field, string? Exported, string? Imported, string Message);

/// <summary>The result of matching: every difference found (none: the export is the import).</summary>
public sealed record ExportImportMatch(IReadOnlyList<ExportImportDifference> Differences)
{
    /// <summary>True when nothing differs.</summary>
    public bool Matches => Differences.Count == 0;
}

/// <summary>
/// "My Export is Your Import": compares the exporting customs' ExportDeclarationCredential with the import entry
/// (a CBP7501EntrySummaryCredential, as in the traceability vocabulary): countries, consignee, shipment (bill of
/// lading), HS codes (six-digit subheadings both ways), quantities per subheading (same unit), total value (same
/// currency) and the export date. Members missing on one side are reported only when the other side has them and
/// the comparison needs both (a missing HS code or quantity is a difference; a missing consignee name is not).
/// </summary>
public sealed class ExportImportMatcher
{
    /// <summary>The largest gap between the declaration's date and the entry's export date, in days (default 3).</summary>
    public int DateToleranceDays { get; init; } = 3;

    /// <summary>The importing country (default US): the declaration's destination must be it.</summary>
    public string ImportingCountry { get; init; } = "US";

    /// <summary>Compares the two credentials' subjects.</summary>
    public ExportImportMatch Match(JsonElement exportDeclaration, JsonElement importEntry)
    {
        var ex = CredentialFields.At(exportDeclaration, "credentialSubject") ?? default;
        var im = CredentialFields.At(importEntry, "credentialSubject") ?? default;
        var differences = new List<ExportImportDifference>();

        Compare(differences, "exportCountry", CredentialFields.Str(ex, "exportCountry"), CredentialFields.Str(im, "exportingCountry"), "the country of export");
        var destination = CredentialFields.Str(ex, "destinationCountry");
        if (destination is not null && !string.Equals(destination, ImportingCountry, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add(new ExportImportDifference("destinationCountry", destination, ImportingCountry, $"The export declaration's destination is {destination}, the entry is filed in {ImportingCountry}."));
        }

        var consignee = CredentialFields.Str(ex, "consignee", "name");
        var importer = CredentialFields.Str(im, "ultimateConsignee", "name") ?? CredentialFields.Str(im, "importerOfRecord", "name");
        if (consignee is not null && importer is not null && !string.Equals(Normalize(consignee), Normalize(importer), StringComparison.Ordinal))
        {
            differences.Add(new ExportImportDifference("consignee", consignee, importer, $"The export declaration's consignee is '{consignee}', the entry's is '{importer}'."));
        }

        var shipment = CredentialFields.Str(ex, "shipmentIdentifier");
        var bill = CredentialFields.Str(im, "billOfLadingNumber");
        if (shipment is not null && bill is not null)
        {
            Compare(differences, "shipment", shipment, bill, "the shipment (bill of lading)");
        }

        var exported = Lines(CredentialFields.Objects(ex, "items"), "hsCode", "quantity", "value");
        var imported = Lines(CredentialFields.Objects(im, "descriptionOfMerchandise"), null, "netQuantity", "enteredValue");
        foreach (var hs in exported.Keys.Union(imported.Keys).Order(StringComparer.Ordinal))
        {
            var e = exported.GetValueOrDefault(hs);
            var i = imported.GetValueOrDefault(hs);
            if (e is null || i is null)
            {
                differences.Add(new ExportImportDifference("hsCode", e is null ? null : hs, i is null ? null : hs, e is null
                    ? $"The entry declares HS {hs}, the export declaration does not."
                    : $"The export declaration declares HS {hs}, the entry does not."));
                continue;
            }

            if (e.Unit is not null && i.Unit is not null && !string.Equals(e.Unit, i.Unit, StringComparison.OrdinalIgnoreCase))
            {
                differences.Add(new ExportImportDifference("quantity", $"{Text(e.Quantity)} {e.Unit}", $"{Text(i.Quantity)} {i.Unit}", $"HS {hs}: the quantities are in different units ({e.Unit} exported, {i.Unit} entered)."));
            }
            else if (e.Quantity != i.Quantity)
            {
                differences.Add(new ExportImportDifference("quantity", Text(e.Quantity), Text(i.Quantity), $"HS {hs}: {Text(e.Quantity)} {e.Unit} exported, {Text(i.Quantity)} {i.Unit ?? e.Unit} entered."));
            }
        }

        var exportTotal = Price(CredentialFields.At(ex, "totalValue")) ?? Sum(exported.Values);
        var importTotal = Price(CredentialFields.At(im, "totalEnteredValue")) ?? Sum(imported.Values);
        if (exportTotal is { } et && importTotal is { } it && (et.Amount != it.Amount || !string.Equals(et.Currency, it.Currency, StringComparison.OrdinalIgnoreCase)))
        {
            differences.Add(new ExportImportDifference("value", $"{Text(et.Amount)} {et.Currency}", $"{Text(it.Amount)} {it.Currency}", $"The declared value differs: {Text(et.Amount)} {et.Currency} exported, {Text(it.Amount)} {it.Currency} entered."));
        }

        var declared = Date(CredentialFields.Str(ex, "declarationDate"));
        var exportDate = Date(CredentialFields.Str(im, "exportDate"));
        if (declared is { } d && exportDate is { } x && Math.Abs((d - x).TotalDays) > DateToleranceDays)
        {
            differences.Add(new ExportImportDifference("date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"The export was declared on {d:yyyy-MM-dd}; the entry says it was exported on {x:yyyy-MM-dd} (more than {DateToleranceDays} days apart)."));
        }

        return new ExportImportMatch(differences);
    }

    private sealed record Line(decimal Quantity, string? Unit, decimal? Value, string? Currency);

    private static Dictionary<string, Line> Lines(IReadOnlyList<JsonElement> items, string? hsMember, string quantityMember, string valueMember)
    {
        var lines = new Dictionary<string, Line>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var code = hsMember is not null ? CredentialFields.Str(item, hsMember) : CredentialFields.Str(item, "commodity", "commodityCode") ?? CredentialFields.Str(item, "hsCode");
            if (code is null || CredentialFields.Digits(code) is not { Length: >= 6 } digits)
            {
                continue;
            }

            var hs6 = digits[..6];
            var quantity = Number(CredentialFields.At(item, quantityMember, "value")) ?? 0m;
            var unit = CredentialFields.Str(item, quantityMember, "unitCode");
            var price = Price(CredentialFields.At(item, valueMember));
            if (lines.TryGetValue(hs6, out var existing))
            {
                lines[hs6] = existing with { Quantity = existing.Quantity + quantity, Value = existing.Value + price?.Amount };
            }
            else
            {
                lines[hs6] = new Line(quantity, unit, price?.Amount, price?.Currency);
            }
        }

        return lines;
    }

    private static (decimal Amount, string? Currency)? Sum(IEnumerable<Line> lines)
    {
        var list = lines.ToList();
        return list.Count > 0 && list.All(l => l.Value is not null) ? (list.Sum(l => l.Value!.Value), list[0].Currency) : null;
    }

    private static (decimal Amount, string? Currency)? Price(JsonElement? e) =>
        e is { } v && Number(CredentialFields.At(v, "price")) is { } amount ? (amount, CredentialFields.Str(v, "priceCurrency")) : null;

    private static decimal? Number(JsonElement? e) => e switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDecimal(out var d) => d,
        { ValueKind: JsonValueKind.String } s when decimal.TryParse(s.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static DateTime? Date(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime.Date : null;

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Normalize(string name) => string.Join(' ', name.ToUpperInvariant().Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries));

    private static void Compare(List<ExportImportDifference> differences, string field, string? exported, string? imported, string what)
    {
        if (exported is null && imported is null)
        {
            return;
        }

        if (!string.Equals(exported, imported, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add(new ExportImportDifference(field, exported, imported, $"The export declaration and the entry differ on {what}: {exported ?? "(none)"} exported, {imported ?? "(none)"} entered."));
        }
    }
}
