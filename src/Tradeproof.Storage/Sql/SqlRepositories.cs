namespace Tradeproof.Storage.Sql;

/// <summary>The repositories over one <see cref="SqlScope"/>.</summary>
internal class SqlRepositories(SqlScope scope, StoreContext context) : IStoreRepositories
{
    protected StoreContext Context { get; } = context;

    public ITenantStore Tenants { get; } = new SqlTenantStore(scope, context);

    public ICredentialStore Credentials { get; } = new SqlCredentialStore(scope, context);

    public IPresentationInbox Presentations { get; } = new SqlPresentationInbox(scope, context);

    public ITwinEventStore TwinEvents { get; } = new SqlTwinEventStore(scope, context);

    public IStatusListRepository StatusLists { get; } = new SqlStatusListRepository(scope, context);

    public IKeyStore Keys { get; } = new SqlKeyStore(scope, context);

    public IClientStore Clients { get; } = new SqlClientStore(scope, context);

    public IIdempotencyStore Idempotency { get; } = new SqlIdempotencyStore(scope, context);

    public IChallengeStore Challenges { get; } = new SqlChallengeStore(scope, context);

    public ICustomsStore Customs { get; } = new SqlCustomsStore(scope, context);

    public ITransparencyLogStore Log { get; } = new SqlTransparencyLog(scope, context);

    public IWitnessStateStore Witnessing { get; } = new SqlWitnessStateStore(scope, context);
}
