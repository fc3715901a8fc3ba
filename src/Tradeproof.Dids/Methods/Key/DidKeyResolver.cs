namespace Tradeproof.Dids;

/// <summary>The did:key resolver (pure computation, no I/O).</summary>
public sealed class DidKeyResolver(DidKeyOptions? options = null) : IDidMethodResolver
{
    private readonly DidKeyOptions _options = options ?? DidKeyOptions.Default;

    /// <inheritdoc />
    public string Method => "key";

    /// <inheritdoc />
    public ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Resolve(did, options));

    /// <summary>Resolves synchronously (did:key needs no I/O).</summary>
    public DidResolutionResult Resolve(Did did, DidResolutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(did);
        options ??= DidResolutionOptions.Default;
        if (!DidMediaTypes.TrySelect(options.Accept, out var contentType))
        {
            return DidResolutionResult.Failure(DidErrorCodes.RepresentationNotSupported, $"The representation '{options.Accept}' is not supported.");
        }

        var format = options.PublicKeyFormat ?? _options.PublicKeyFormat;
        if (!DidKey.IsKnownFormat(format))
        {
            return DidResolutionResult.Failure(DidErrorCodes.UnsupportedPublicKeyType, $"The publicKeyFormat '{format}' is not supported.");
        }

        try
        {
            var document = DidKey.CreateDocument(did, _options with
            {
                PublicKeyFormat = format,
                EnableEncryptionKeyDerivation = options.EnableEncryptionKeyDerivation ?? _options.EnableEncryptionKeyDerivation,
            });
            return DidResolutionResult.Success(document, contentType);
        }
        catch (DidSyntaxException e)
        {
            return DidResolutionResult.Failure(e.Code, e.Message);
        }
    }
}
