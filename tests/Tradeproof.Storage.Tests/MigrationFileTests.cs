using Tradeproof.Storage.Sql;

namespace Tradeproof.Storage.Tests;

/// <summary>The embedded migrations: numbered 1..n, the same versions for both databases, the same tables.</summary>
public sealed class MigrationFileTests
{
    [Fact]
    public void Both_databases_have_the_same_numbered_migrations()
    {
        var sqlite = SqlMigrator.Embedded("sqlite");
        var postgres = SqlMigrator.Embedded("postgres");
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Select(m => (m.Version, m.Name)), postgres.Select(m => (m.Version, m.Name)));
        Assert.Equal(Enumerable.Range(1, sqlite.Count), sqlite.Select(m => m.Version));
        Assert.All(sqlite.Concat(postgres), m => Assert.Matches("^[0-9a-f]{64}$", m.Checksum));
    }

    // Distinct: SQLite's 0009 creates twin_events again (the old one renamed, copied and dropped).
    [Fact]
    public void Both_schemas_create_the_same_tables()
    {
        static string[] Tables(string provider) =>
            [.. SqlMigrator.Embedded(provider).SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.Sql, @"CREATE TABLE (\w+)").Select(x => x.Groups[1].Value)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Assert.Equal(Tables("sqlite"), Tables("postgres"));
        Assert.Contains("twin_events", Tables("sqlite"));
        Assert.DoesNotContain(SqlMigrator.Embedded("postgres"), m => m.Sql.Contains("BLOB", StringComparison.Ordinal) || m.Sql.Contains("AUTOINCREMENT", StringComparison.Ordinal));
    }
}
