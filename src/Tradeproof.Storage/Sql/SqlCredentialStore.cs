using System.Data.Common;
using Tradeproof.Cryptography.Hashing;

namespace Tradeproof.Storage.Sql;

internal sealed class SqlCredentialStore(SqlScope scope, StoreContext context) : ICredentialStore
{
    private const string Columns = "id, direction, media_type, content, issuer_id, verification_result, stored_at";

    internal const string InsertOneSql = "INSERT INTO credentials (tenant_id, id, direction, media_type, content, content_sha256, issuer_id, verification_result, stored_at) " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) ON CONFLICT (tenant_id, id) DO NOTHING";

    public async ValueTask<CredentialSaveOutcome> SaveAsync(string tenantId, CredentialRecord credential, CancellationToken cancellationToken = default)
    {
        var outcomes = await SaveManyAsync(tenantId, [credential], cancellationToken).ConfigureAwait(false);
        return outcomes[0];
    }

    public ValueTask<IReadOnlyList<CredentialSaveOutcome>> SaveManyAsync(string tenantId, IReadOnlyList<CredentialRecord> credentials, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentNullException.ThrowIfNull(credentials);
        foreach (var credential in credentials)
        {
            ArgumentNullException.ThrowIfNull(credential);
            context.Id(credential.Id, "credential id");
            ArgumentException.ThrowIfNullOrEmpty(credential.MediaType);
            context.Content(credential.Content.Length, "credential");
        }

        return scope.WriteAsync<IReadOnlyList<CredentialSaveOutcome>>(async (c, t, ct) =>
        {
            var now = context.NowMilliseconds;
            var hashes = new byte[credentials.Count][];
            var firstPosition = new Dictionary<string, int>(StringComparer.Ordinal);
            var toInsert = new List<int>(credentials.Count);
            for (var i = 0; i < credentials.Count; i++)
            {
                hashes[i] = Sha256.Hash(credentials[i].Content.Span);
                if (firstPosition.TryAdd(credentials[i].Id, i))
                {
                    toInsert.Add(i);
                }
            }

            // Multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING id: one statement (one round trip) per chunk,
            // the full-size statement prepared once and rebound; the ids it returns are the rows this call stored.
            var stored = new HashSet<string>(StringComparer.Ordinal);
            var rowsPerStatement = scope.Dialect.RowsPerStatement;
            if (scope.Dialect.PreparedFor(c) is { } prepared)
            {
                // SQLite's writer: one prepared single-row statement; a row it inserted is a credential this call stored.
                foreach (var i in toInsert)
                {
                    var r = credentials[i];
                    if (prepared.Execute(InsertOneSql, tenantId, r.Id, DirectionName(r.Direction), r.MediaType, r.Content, hashes[i], r.IssuerId, r.VerificationResultJson, now) == 1)
                    {
                        stored.Add(r.Id);
                    }
                }
            }
            else
            {
                InsertStatement? full = null;
                try
                {
                    for (var offset = 0; offset < toInsert.Count; offset += rowsPerStatement)
                    {
                        var count = Math.Min(rowsPerStatement, toInsert.Count - offset);
                        var statement = count == rowsPerStatement ? (full ??= new InsertStatement(c, t, tenantId, now, count)) : new InsertStatement(c, t, tenantId, now, count);
                        try
                        {
                            for (var row = 0; row < count; row++)
                            {
                                statement.Bind(row, credentials[toInsert[offset + row]], hashes[toInsert[offset + row]]);
                            }

                            var reader = await statement.Command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                            await using (reader.ConfigureAwait(false))
                            {
                                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                                {
                                    stored.Add(reader.GetString(0));
                                }
                            }
                        }
                        finally
                        {
                            if (statement != full)
                            {
                                await statement.Command.DisposeAsync().ConfigureAwait(false);
                            }
                        }
                    }
                }
                finally
                {
                    if (full is not null)
                    {
                        await full.Command.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }

            // The ids this call did not store were held already: their stored hashes, read in one go, decide.
            var held = toInsert.Count == stored.Count
                ? new Dictionary<string, byte[]>(StringComparer.Ordinal)
                : await HashesAsync(c, t, tenantId, [.. toInsert.Select(i => credentials[i].Id).Where(id => !stored.Contains(id))], ct).ConfigureAwait(false);
            var outcomes = new CredentialSaveOutcome[credentials.Count];
            for (var i = 0; i < credentials.Count; i++)
            {
                var id = credentials[i].Id;
                if (stored.Contains(id) && firstPosition[id] == i)
                {
                    outcomes[i] = CredentialSaveOutcome.Stored;
                    continue;
                }

                var existing = stored.Contains(id) ? hashes[firstPosition[id]] : held.GetValueOrDefault(id);
                outcomes[i] = existing is not null && existing.AsSpan().SequenceEqual(hashes[i]) ? CredentialSaveOutcome.AlreadyStored : CredentialSaveOutcome.Conflict;
            }

            // One transparency log leaf per credential this call stored (hashes only), in this transaction.
            var tenantHash = Transparency.LogEntry.HashId(tenantId);
            var logged = new List<Transparency.LogEntry>(stored.Count);
            for (var i = 0; i < credentials.Count; i++)
            {
                if (outcomes[i] == CredentialSaveOutcome.Stored)
                {
                    logged.Add(new Transparency.LogEntry(Transparency.LogEntryKind.Credential, tenantHash, Transparency.LogEntry.HashId(credentials[i].Id), hashes[i], now));
                }
            }

            await scope.LogAsync(c, t, logged, ct).ConfigureAwait(false);
            return outcomes;
        }, cancellationToken);
    }


    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> InsertSqlBySize = new();

    private static string InsertSql(int rows) => InsertSqlBySize.GetOrAdd(rows, n =>
    {
        var sql = new System.Text.StringBuilder("INSERT INTO credentials (tenant_id, id, direction, media_type, content, content_sha256, issuer_id, verification_result, stored_at) VALUES ");
        for (var row = 0; row < n; row++)
        {
            sql.Append(row == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"(@tenant, @i{row}, @d{row}, @m{row}, @c{row}, @h{row}, @s{row}, @r{row}, @now)");
        }

        return sql.Append(" ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id").ToString();
    });

    public async ValueTask<IReadOnlyDictionary<string, byte[]>> GetContentHashesAsync(string tenantId, IReadOnlyCollection<string> credentialIds, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentNullException.ThrowIfNull(credentialIds);
        var ids = credentialIds.Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in ids)
        {
            context.Id(id, "credential id");
        }

        if (ids.Count == 0)
        {
            return new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }

        return await scope.ReadAsync<IReadOnlyDictionary<string, byte[]>>(async (c, t, ct) => await HashesAsync(c, t, tenantId, ids, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private const string HashSql = "SELECT content_sha256 FROM credentials WHERE tenant_id = @p0 AND id = @p1";

    /// <summary>The stored hash of each of the distinct <paramref name="ids"/> the tenant holds (SQLite's writer: one compiled statement per id; otherwise 100 ids a statement).</summary>
    private async ValueTask<Dictionary<string, byte[]>> HashesAsync(DbConnection c, DbTransaction? t, string tenantId, List<string> ids, CancellationToken ct)
    {
        var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (scope.Dialect.PreparedFor(c) is { } prepared)
        {
            foreach (var id in ids)
            {
                if (prepared.Blob(HashSql, tenantId, id) is { } hash)
                {
                    hashes[id] = hash;
                }
            }

            return hashes;
        }

        const int IdsPerStatement = 100;
        for (var offset = 0; offset < ids.Count; offset += IdsPerStatement)
        {
            var count = Math.Min(IdsPerStatement, ids.Count - offset);
            var command = c.Command(t, string.Empty).With("tenant", tenantId);
            var names = new string[count];
            for (var i = 0; i < count; i++)
            {
                names[i] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"@i{i}");
                command.With(names[i][1..], ids[offset + i]);
            }

            command.CommandText = $"SELECT id, content_sha256 FROM credentials WHERE tenant_id = @tenant AND id IN ({string.Join(", ", names)})";
            foreach (var (id, hash) in await command.ListAsync(r => (r.GetString(0), r.GetBytes(1)), ct).ConfigureAwait(false))
            {
                hashes[id] = hash;
            }
        }

        return hashes;
    }

    public ValueTask<CredentialRecord?> GetAsync(string tenantId, string credentialId, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(credentialId, "credential id");
        return scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM credentials WHERE tenant_id = @tenant AND id = @id")
            .With("tenant", tenantId).With("id", credentialId).SingleOrDefaultAsync(Read, ct), cancellationToken);
    }

    public ValueTask<bool> SetVerificationResultAsync(string tenantId, string credentialId, string verificationResultJson, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(credentialId, "credential id");
        ArgumentNullException.ThrowIfNull(verificationResultJson);
        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "UPDATE credentials SET verification_result = @result WHERE tenant_id = @tenant AND id = @id")
                .With("tenant", tenantId).With("id", credentialId).With("result", verificationResultJson)
                .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<CredentialRecord>> ListAsync(string tenantId, CredentialDirection direction, string? afterId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // The direction is a literal: issued credentials are read through the partial index credentials_issued
        // (migration 0011), which a database uses only when the query names its predicate; received ones through the
        // primary key (tenant_id, id), filtered.
        return await scope.ReadAsync(async (c, t, ct) => await c.Command(t,
                $"SELECT {Columns} FROM credentials WHERE tenant_id = @tenant AND direction = '{DirectionName(direction)}' AND id > @after ORDER BY id LIMIT @limit")
            .With("tenant", tenantId).With("after", afterId ?? string.Empty).With("limit", (long)limit)
            .ListAsync(Read, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A multi-row insert of <c>rows</c> credentials whose parameters are rebound for each chunk.</summary>
    private sealed class InsertStatement
    {
        private readonly DbParameter[,] _parameters;

        public InsertStatement(DbConnection connection, DbTransaction transaction, string tenantId, long now, int rows)
        {
            Command = connection.Command(transaction, InsertSql(rows)).With("tenant", tenantId).With("now", now);
            _parameters = new DbParameter[rows, 7];
            for (var row = 0; row < rows; row++)
            {
                var column = 0;
                foreach (var prefix in "idmchsr")
                {
                    var parameter = Command.CreateParameter();
                    parameter.ParameterName = $"@{prefix}{row}";
                    Command.Parameters.Add(parameter);
                    _parameters[row, column++] = parameter;
                }
            }
        }

        public DbCommand Command { get; }

        public void Bind(int row, CredentialRecord credential, byte[] hash)
        {
            _parameters[row, 0].Value = credential.Id;
            _parameters[row, 1].Value = DirectionName(credential.Direction);
            _parameters[row, 2].Value = credential.MediaType;
            _parameters[row, 3].Value = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(credential.Content, out var segment)
                && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : credential.Content.ToArray();
            _parameters[row, 4].Value = hash;
            _parameters[row, 5].Value = (object?)credential.IssuerId ?? DBNull.Value;
            _parameters[row, 6].Value = (object?)credential.VerificationResultJson ?? DBNull.Value;
        }
    }

    private static string DirectionName(CredentialDirection direction) => direction switch
    {
        CredentialDirection.Issued => "issued",
        CredentialDirection.Received => "received",
        _ => throw new ArgumentOutOfRangeException(nameof(direction)),
    };

    private static CredentialRecord Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1) == "issued" ? CredentialDirection.Issued : CredentialDirection.Received,
        r.GetString(2),
        r.GetBytes(3),
        r.GetNullableString(4),
        r.GetNullableString(5),
        StoreContext.FromMilliseconds(r.GetInt64(6)));
}
