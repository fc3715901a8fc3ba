using System.Data.Common;
using System.Security.Cryptography;

namespace Tradeproof.Storage.Sql;

internal sealed class SqlCredentialStore(SqlScope scope, StoreContext context) : ICredentialStore
{
    private const string Columns = "id, direction, media_type, content, issuer_id, verification_result, stored_at";

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
            var outcomes = new CredentialSaveOutcome[credentials.Count];
            var insert = c.Command(t, "INSERT INTO credentials (tenant_id, id, direction, media_type, content, content_sha256, issuer_id, verification_result, stored_at) " +
                "VALUES (@tenant, @id, @direction, @media, @content, @hash, @issuer, @result, @now) ON CONFLICT (tenant_id, id) DO NOTHING");
            await using (insert.ConfigureAwait(false))
            {
                Parameter(insert, "tenant", tenantId);
                var id = Parameter(insert, "id");
                var direction = Parameter(insert, "direction");
                var media = Parameter(insert, "media");
                var content = Parameter(insert, "content");
                var hash = Parameter(insert, "hash");
                var issuer = Parameter(insert, "issuer");
                var result = Parameter(insert, "result");
                Parameter(insert, "now", now);
                for (var i = 0; i < credentials.Count; i++)
                {
                    var credential = credentials[i];
                    var sha = SHA256.HashData(credential.Content.Span);
                    id.Value = credential.Id;
                    direction.Value = DirectionName(credential.Direction);
                    media.Value = credential.MediaType;
                    content.Value = credential.Content.ToArray();
                    hash.Value = sha;
                    issuer.Value = (object?)credential.IssuerId ?? DBNull.Value;
                    result.Value = (object?)credential.VerificationResultJson ?? DBNull.Value;
                    if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
                    {
                        outcomes[i] = CredentialSaveOutcome.Stored;
                        continue;
                    }

                    var existing = await c.Command(t, "SELECT content_sha256 FROM credentials WHERE tenant_id = @tenant AND id = @id")
                        .With("tenant", tenantId).With("id", credential.Id).ScalarAsync(ct).ConfigureAwait(false) as byte[];
                    outcomes[i] = existing is not null && existing.AsSpan().SequenceEqual(sha) ? CredentialSaveOutcome.AlreadyStored : CredentialSaveOutcome.Conflict;
                }

            }

            return outcomes;
        }, cancellationToken);
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
        return await scope.ReadAsync(async (c, t, ct) => await c.Command(t,
                $"SELECT {Columns} FROM credentials WHERE tenant_id = @tenant AND direction = @direction AND id > @after ORDER BY id LIMIT @limit")
            .With("tenant", tenantId).With("direction", DirectionName(direction)).With("after", afterId ?? string.Empty).With("limit", (long)limit)
            .ListAsync(Read, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private static DbParameter Parameter(DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
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
