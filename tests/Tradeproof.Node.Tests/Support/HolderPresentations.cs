using System.Text;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Dids;
using Tradeproof.JsonLd;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Node.Tests;

/// <summary>A holder outside the node (a did:key) signing TraceablePresentations with a challenge the node issued.</summary>
internal sealed class HolderPresentations : IDisposable
{
    private readonly KeyPair _holder;
    private readonly string _did;
    private readonly IRandomSource _random;
    private readonly DataIntegrityEngine _engine;

    public HolderPresentations(IRandomSource? random = null)
    {
        _random = random ?? SystemRandomSource.Instance;
        _holder = KeyPair.Generate(KeyType.Ed25519, _random);
        _did = DidKey.Create(_holder.PublicKey).ToString();
        _engine = new DataIntegrityEngine(new DataIntegrityEngineOptions
        {
            Random = _random,
            Transforms = new ProofTransforms(new JsonLdOptions { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader }),
        });
    }

    /// <summary>A signed TraceablePresentation of <paramref name="credentials"/> (JSON texts) with the id given or a new UUID URN.</summary>
    public string Sign(IReadOnlyList<string> credentials, string challenge, string? id = null)
    {
        var unsigned = new TraceablePresentationBuilder(_random).Build(new TraceablePresentationContent
        {
            Id = id,
            Holder = _did,
            Definitions = ["urn:uuid:1f4a5b3e-8b1a-4b52-9a55-0a8f0e2f1c11"],
            Instances = ["urn:uuid:" + Guid.NewGuid().ToString()],
            Credentials = [.. credentials.Select(Encoding.UTF8.GetBytes)],
        });
        var signed = new TraceablePresentationSigner(_engine).Sign(unsigned, _holder, new PresentationSigningOptions
        {
            VerificationMethod = _did + "#" + _holder.PublicKey.ToMultibase(),
            Challenge = challenge,
        });
        return Encoding.UTF8.GetString(signed);
    }

    public void Dispose() => _holder.Dispose();
}
