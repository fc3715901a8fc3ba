using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tradeproof.Storage.Sqlite;

/// <summary>
/// Statements with positional parameters (<c>@p0..</c>) compiled once per connection and rebound, run through
/// SQLitePCL's raw API on the provider's own connection handle (the provider's commands look every parameter up by
/// name and dispatch on its type on each execution, and compile their SQL on each new command: both profiled at more
/// than SQLite's insert itself). SQLitePCL is used through Microsoft.Data.Sqlite's own dependency (no package reference
/// of its own), so every project loads the one SQLitePCLRaw version the provider brings. Errors become the provider's
/// <see cref="SqliteException"/>. One caller at a time (the writer gate, or a bulk batch's own runner).
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);
    private readonly sqlite3 _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");

    /// <summary>Runs a statement that returns no row; the rows it changed.</summary>
    public int Execute(string sql, params ReadOnlySpan<object?> values)
    {
        var statement = Bind(sql, values);
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Fail(statement, rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc);
        }

        var changes = raw.sqlite3_changes(_db);
        Check(raw.sqlite3_reset(statement));
        return changes;
    }

    /// <summary>Runs a query; the first column of its first row as an integer (null: no row, or NULL).</summary>
    public long? Int64(string sql, params ReadOnlySpan<object?> values)
    {
        var statement = Bind(sql, values);
        var rc = raw.sqlite3_step(statement);
        long? value = null;
        if (rc == raw.SQLITE_ROW)
        {
            value = raw.sqlite3_column_type(statement, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(statement, 0);
        }
        else if (rc != raw.SQLITE_DONE)
        {
            Fail(statement, rc);
        }

        Check(raw.sqlite3_reset(statement));
        return value;
    }

    /// <summary>Runs a query; the first column of its first row as bytes (null: no row, or NULL).</summary>
    public byte[]? Blob(string sql, params ReadOnlySpan<object?> values)
    {
        var statement = Bind(sql, values);
        var rc = raw.sqlite3_step(statement);
        byte[]? value = null;
        if (rc == raw.SQLITE_ROW)
        {
            value = raw.sqlite3_column_type(statement, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_blob(statement, 0).ToArray();
        }
        else if (rc != raw.SQLITE_DONE)
        {
            Fail(statement, rc);
        }

        Check(raw.sqlite3_reset(statement));
        return value;
    }

    private sqlite3_stmt Bind(string sql, ReadOnlySpan<object?> values)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            Check(raw.sqlite3_prepare_v2(_db, sql, out statement));
            _statements[sql] = statement;
        }

        for (var i = 0; i < values.Length; i++)
        {
            var rc = values[i] switch
            {
                null => raw.sqlite3_bind_null(statement, i + 1),
                // UTF-8 with its length (the string overload binds long strings NUL-terminated: cut at a U+0000).
                string text => BindText(statement, i + 1, text),
                long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                int number => raw.sqlite3_bind_int64(statement, i + 1, number),
                byte[] bytes => raw.sqlite3_bind_blob(statement, i + 1, bytes),
                ReadOnlyMemory<byte> bytes => raw.sqlite3_bind_blob(statement, i + 1, bytes.Span),
                _ => throw new ArgumentException("Unsupported parameter type " + values[i]!.GetType().Name, nameof(values)),
            };
            if (rc != raw.SQLITE_OK)
            {
                _ = raw.sqlite3_reset(statement);
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }

        return statement;
    }

    // Encoded into a stack or pooled buffer: SQLite copies bound text (SQLITE_TRANSIENT), so nothing is allocated per value.
    private static int BindText(sqlite3_stmt statement, int index, string text)
    {
        const int OnStack = 512;
        if (text.Length <= OnStack / 3)
        {
            Span<byte> buffer = stackalloc byte[OnStack];
            return raw.sqlite3_bind_text(statement, index, buffer[..Encoding.UTF8.GetBytes(text, buffer)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // The statement must be reset before it runs again; the error code and message come from the connection.
    private void Fail(sqlite3_stmt statement, int rc)
    {
        _ = raw.sqlite3_reset(statement);
        SqliteException.ThrowExceptionForRC(rc & 0xFF, _db);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <summary>Finalizes every statement (before the connection closes).</summary>
    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }
}
