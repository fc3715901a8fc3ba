using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// Runs single-row statements with positional parameters <c>@p0..</c>: on SQLite each SQL text is prepared once and
/// rebound (in process, a statement costs microseconds); on PostgreSQL they are pipelined in batches (one round trip
/// per <see cref="PipelineDepth"/> statements). <see cref="FlushAsync"/> returns the rows each statement affected.
/// (Multi-row <c>INSERT</c>s of 100 rows on SQLite were tried, 29d971c, and cost more CPU per credential: docs/performance.md.)
/// </summary>
internal abstract class StatementRunner : IAsyncDisposable
{
    protected const int PipelineDepth = 1000;

    protected List<int> Affected { get; } = [];

    public static StatementRunner Create(SqlDialect dialect, DbConnection connection, DbTransaction transaction) =>
        dialect.PreparedFor(connection) is { } prepared ? new Raw(prepared, owned: false)
        : connection is SqliteConnection sqlite ? new Raw(new Sqlite.SqliteStatements(sqlite), owned: true)
        : new Pipelined(connection, transaction);

    /// <summary>Queues (or runs) a statement; returns its position in the rows-affected list.</summary>
    public abstract ValueTask<int> AddAsync(string sql, object?[] values, CancellationToken cancellationToken);

    /// <summary>Runs what is queued; the rows affected by every statement added so far, by position.</summary>
    public abstract ValueTask<IReadOnlyList<int>> FlushAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        ReadOnlyMemory<byte> bytes => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : bytes.ToArray(),
        _ => value,
    };

    protected static string Name(int i) => "p" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// SQLite: each SQL text compiled once per batch, or once per connection on the store's writer connection, and
    /// bound by position (<see cref="Sqlite.SqliteStatements"/>).
    /// </summary>
    private sealed class Raw(Sqlite.SqliteStatements statements, bool owned) : StatementRunner
    {
        public override ValueTask<int> AddAsync(string sql, object?[] values, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Affected.Add(statements.Execute(sql, values));
            return ValueTask.FromResult(Affected.Count - 1);
        }

        public override ValueTask<IReadOnlyList<int>> FlushAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<int>>(Affected);

        public override ValueTask DisposeAsync()
        {
            if (owned)
            {
                statements.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class Pipelined(DbConnection connection, DbTransaction transaction) : StatementRunner
    {
        private DbBatch? _batch;

        public override async ValueTask<int> AddAsync(string sql, object?[] values, CancellationToken cancellationToken)
        {
            if (_batch is null)
            {
                _batch = connection.CreateBatch();
                _batch.Transaction = transaction;
            }

            var command = _batch.CreateBatchCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = Name(i);
                parameter.Value = Value(values[i]);
                command.Parameters.Add(parameter);
            }

            _batch.BatchCommands.Add(command);
            var position = Affected.Count + _batch.BatchCommands.Count - 1;
            if (_batch.BatchCommands.Count >= PipelineDepth)
            {
                await RunAsync(cancellationToken).ConfigureAwait(false);
            }

            return position;
        }

        public override async ValueTask<IReadOnlyList<int>> FlushAsync(CancellationToken cancellationToken)
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
            return Affected;
        }

        private async ValueTask RunAsync(CancellationToken cancellationToken)
        {
            if (_batch is null)
            {
                return;
            }

            var batch = _batch;
            _batch = null;
            await using (batch.ConfigureAwait(false))
            {
                _ = await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                foreach (DbBatchCommand command in batch.BatchCommands)
                {
                    Affected.Add(command.RecordsAffected);
                }
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (_batch is not null)
            {
                await _batch.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
