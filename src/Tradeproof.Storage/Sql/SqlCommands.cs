using System.Data.Common;

namespace Tradeproof.Storage.Sql;

/// <summary>Small helpers over ADO.NET: parameterised commands (never string-built values), row reading.</summary>
internal static class SqlCommands
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// A parameter name as it is written in the SQL (<c>@name</c>). Microsoft.Data.Sqlite looks a bare name up as
    /// written and then with each prefix (<c>@</c>, <c>$</c>, <c>:</c>), and each look-up is a linear scan of the
    /// statement's parameter names (<c>sqlite3_bind_parameter_index</c>): with a multi-row statement's hundreds of
    /// parameters the failed look-ups were a measured 8% of a node's CPU under submission load. Npgsql takes the name
    /// with or without the prefix.
    /// </summary>
    public static string Prefixed(string name) =>
        name.Length > 0 && name[0] is '@' or ':' or '$' ? name : "@" + name;

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = Prefixed(name);
        parameter.Value = value switch
        {
            null => DBNull.Value,
            // The caller's array itself when the memory is a whole array (no copy of large documents).
            ReadOnlyMemory<byte> bytes => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
                && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : bytes.ToArray(),
            _ => value,
        };
        command.Parameters.Add(parameter);
        return command;
    }

    public static async ValueTask<int> ExecuteAsync(this DbCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first column of the first row, or null when there is no row (or it is NULL).</summary>
    public static async ValueTask<object?> ScalarAsync(this DbCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }

    public static async ValueTask<List<T>> ListAsync<T>(this DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(read(reader));
                }

                return rows;
            }
        }
    }

    public static async ValueTask<T?> SingleOrDefaultAsync<T>(this DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await command.ListAsync(read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[] GetBytes(this DbDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    public static long ToInt64(object? value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}
