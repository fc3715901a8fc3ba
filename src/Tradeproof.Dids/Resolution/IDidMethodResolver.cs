namespace Tradeproof.Dids;

/// <summary>
/// The resolver of one DID method. Implementations return errors as results
/// (<see cref="DidResolutionResult.Failure"/>); an exception is turned into <c>internalError</c>
/// by <see cref="DidResolver"/>.
/// </summary>
public interface IDidMethodResolver
{
    /// <summary>The method name (e.g. <c>key</c>).</summary>
    string Method { get; }

    /// <summary>Resolves a DID of this method.</summary>
    ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken);
}
