using Tradeproof.Credentials.DataIntegrity.EcdsaSd;

namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>ecdsa-sd-2023 joins <see cref="CreateDefault"/> (no mandatory pointers; register your own
/// <see cref="EcdsaSd2023Cryptosuite"/> in a fresh registry for mandatory pointers).</summary>
public sealed partial class CryptosuiteRegistry
{
    static partial void AddContributedSuites(CryptosuiteRegistry registry) => registry.Add(new EcdsaSd2023Cryptosuite());
}
