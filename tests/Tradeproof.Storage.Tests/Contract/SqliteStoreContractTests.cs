using Tradeproof.Storage.Tests.Sqlite;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>The store contract on SQLite (a database file per class in a temp folder).</summary>
public sealed class SqliteStoreContractTests(SqliteHarness harness) : StoreContractTests(harness), IClassFixture<SqliteHarness>;
