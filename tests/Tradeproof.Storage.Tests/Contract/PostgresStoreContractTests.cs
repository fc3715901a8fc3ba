using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Support;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>The store contract on PostgreSQL (a database per class on the private cluster).</summary>
[RequiresPostgres]
public sealed class PostgresStoreContractTests(PostgresHarness harness) : StoreContractTests(harness), IClassFixture<PostgresHarness>;
