using System.Security.Cryptography;

namespace Tradeproof.Cryptography;

/// <summary>A source of random bytes for key generation; tests inject a deterministic one.</summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    void Fill(Span<byte> destination);
}

/// <summary>The operating system's cryptographic random number generator.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    private SystemRandomSource()
    {
    }

    /// <summary>The single instance.</summary>
    public static SystemRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
