using System.Globalization;
using System.Text;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// Migration 0011: the credentials' direction index holds issued credentials only. A database of schema 10 with
/// credentials of both directions (interleaved ids) keeps paging each direction by id, before and after new saves.
/// </summary>
public abstract class CredentialDirectionIndexContractTests(IStoreHarness harness)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 2, 8, 0, 0, TimeSpan.Zero);
    private const string Tenant = "direction";

    private static string Id(int n) => "urn:c:" + n.ToString("D3", CultureInfo.InvariantCulture);

    private static CredentialDirection DirectionOf(int n) => n % 3 == 0 ? CredentialDirection.Issued : CredentialDirection.Received;

    private async Task<List<string>> PageAllAsync(ITradeproofStore store, CredentialDirection direction)
    {
        var ids = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await store.Credentials.ListAsync(Tenant, direction, after, 4);
            Assert.All(page, r => Assert.Equal(direction, r.Direction));
            ids.AddRange(page.Select(r => r.Id));
            if (page.Count < 4)
            {
                return ids;
            }

            after = page[^1].Id;
        }
    }

    [StoreFact]
    public async Task Both_directions_page_by_id_after_the_upgrade()
    {
        await SchemaByHand.MigrateToAsync(harness, 10);

        var f = harness.Provider == "postgres" ? "FALSE" : "0";
        var time = Start.ToUnixTimeMilliseconds();
        _ = await harness.CountAsync($"INSERT INTO tenants (id, display_name, public_verification, created_at) VALUES ('{Tenant}', 'Direction', {f}, {time})");
        _ = await harness.CountAsync($"INSERT INTO tenants (id, display_name, public_verification, created_at) VALUES ('other', 'Other', {f}, {time})");
        var content = harness.Provider == "postgres" ? "'\\x7b7d'::bytea" : "x'7b7d'";
        var hash = harness.Provider == "postgres" ? $"'\\x{new string('0', 64)}'::bytea" : $"x'{new string('0', 64)}'";
        var rows = new StringBuilder();
        for (var n = 0; n < 30; n += 2) // even ids now, odd ones saved after the upgrade
        {
            _ = rows.Append(rows.Length == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"('{Tenant}', '{Id(n)}', '{(DirectionOf(n) == CredentialDirection.Issued ? "issued" : "received")}', 'application/vc', {content}, {hash}, NULL, NULL, {time})");
        }

        _ = rows.Append(CultureInfo.InvariantCulture, $", ('other', '{Id(1)}', 'issued', 'application/vc', {content}, {hash}, NULL, NULL, {time})");
        _ = await harness.CountAsync($"INSERT INTO credentials (tenant_id, id, direction, media_type, content, content_sha256, issuer_id, verification_result, stored_at) VALUES {rows}");

        await using var store = await harness.OpenAsync(new StoreOptionsSeed(new FixedClock(Start), new CountingRandomSource(), new OperatorKey(new byte[32])));
        Assert.True(await harness.CountAsync("SELECT MAX(version) FROM schema_migrations") >= 11);
        var indexes = harness.Provider == "postgres" ? "SELECT COUNT(*) FROM pg_indexes WHERE indexname IN ('credentials_issued', 'credentials_by_direction')"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('credentials_issued', 'credentials_by_direction')";
        Assert.Equal(1, await harness.CountAsync(indexes)); // the new partial index, not the old one

        Assert.Equal(Enumerable.Range(0, 30).Where(n => n % 2 == 0 && DirectionOf(n) == CredentialDirection.Issued).Select(Id), await PageAllAsync(store, CredentialDirection.Issued));
        Assert.Equal(Enumerable.Range(0, 30).Where(n => n % 2 == 0 && DirectionOf(n) == CredentialDirection.Received).Select(Id), await PageAllAsync(store, CredentialDirection.Received));

        var odd = Enumerable.Range(0, 30).Where(n => n % 2 == 1).ToList();
        var outcomes = await store.Credentials.SaveManyAsync(Tenant, [.. odd.Select(n => new CredentialRecord(Id(n), DirectionOf(n), "application/vc", Encoding.UTF8.GetBytes("{\"n\":" + n.ToString(CultureInfo.InvariantCulture) + "}"), null, null, Start))]);
        Assert.All(outcomes, o => Assert.Equal(CredentialSaveOutcome.Stored, o));

        Assert.Equal(Enumerable.Range(0, 30).Where(n => DirectionOf(n) == CredentialDirection.Issued).Select(Id), await PageAllAsync(store, CredentialDirection.Issued));
        Assert.Equal(Enumerable.Range(0, 30).Where(n => DirectionOf(n) == CredentialDirection.Received).Select(Id), await PageAllAsync(store, CredentialDirection.Received));
        Assert.Equal([Id(3), Id(6)], (await store.Credentials.ListAsync(Tenant, CredentialDirection.Issued, Id(2), 2)).Select(r => r.Id));
        Assert.Equal([Id(1)], (await store.Credentials.ListAsync("other", CredentialDirection.Issued)).Select(r => r.Id));
        Assert.Empty(await store.Credentials.ListAsync("other", CredentialDirection.Received));
    }
}

/// <summary>Migration 0011 on SQLite.</summary>
public sealed class SqliteCredentialDirectionIndexContractTests(SqliteHarness harness) : CredentialDirectionIndexContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>Migration 0011 on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresCredentialDirectionIndexContractTests(PostgresHarness harness) : CredentialDirectionIndexContractTests(harness), IClassFixture<PostgresHarness>;
