namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>
/// The cryptosuites an engine knows, by <see cref="ICryptosuite.Name"/> (the <c>cryptosuite</c> value, or the
/// proof type for legacy suites). <see cref="CreateDefault"/> holds every suite of this library.
/// Not thread-safe while being filled; read-only use is.
/// </summary>
public sealed partial class CryptosuiteRegistry
{
    private readonly Dictionary<string, ICryptosuite> _suites = new(StringComparer.Ordinal);

    /// <summary>The names of the registered suites.</summary>
    public IReadOnlyCollection<string> Names => _suites.Keys;

    /// <summary>A registry with every suite of this library: eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019,
    /// ecdsa-jcs-2019, Ed25519Signature2020, Ed25519Signature2018, JsonWebSignature2020 (and ecdsa-sd-2023 where built).</summary>
    public static CryptosuiteRegistry CreateDefault()
    {
        var registry = new CryptosuiteRegistry();
        Cryptosuites.BuiltInSuites.AddTo(registry);
        AddContributedSuites(registry);
        return registry;
    }

    /// <summary>Adds a suite.</summary>
    /// <exception cref="ArgumentException">A suite with that name is already registered.</exception>
    public CryptosuiteRegistry Add(ICryptosuite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (!_suites.TryAdd(suite.Name, suite))
        {
            throw new ArgumentException($"A cryptosuite named '{suite.Name}' is already registered.", nameof(suite));
        }

        return this;
    }

    /// <summary>The suite registered as <paramref name="name"/>.</summary>
    public bool TryGet(string name, out ICryptosuite suite)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _suites.TryGetValue(name, out suite!);
    }

    /// <summary>The suite for a proof: by its <c>cryptosuite</c> for <c>DataIntegrityProof</c>, else by its <c>type</c>.</summary>
    public bool TryGet(DataIntegrityProof proof, out ICryptosuite suite)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var name = proof.Type == DataIntegrityProof.DataIntegrityProofType ? proof.Cryptosuite : proof.Type;
        if (name is not null && _suites.TryGetValue(name, out suite!) && suite.ProofType == proof.Type)
        {
            return true;
        }

        suite = null!;
        return false;
    }

    /// <summary>
    /// Hook for suites built in other folders of this assembly (ecdsa-sd-2023 in DataIntegrity/EcdsaSd/):
    /// implement this partial method there to add them to <see cref="CreateDefault"/>.
    /// </summary>
    static partial void AddContributedSuites(CryptosuiteRegistry registry);
}
