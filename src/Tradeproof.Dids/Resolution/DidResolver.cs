using System.Web;

namespace Tradeproof.Dids;

/// <summary>
/// The front door of DID resolution: picks the method resolver, turns every failure into a
/// result with a DID Resolution error code (never an exception, except cancellation by the
/// caller), and dereferences DID URLs to verification methods and services.
/// </summary>
public sealed class DidResolver
{
    private readonly Dictionary<string, IDidMethodResolver> _methods;

    public DidResolver(IEnumerable<IDidMethodResolver> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        _methods = methods.ToDictionary(m => m.Method, StringComparer.Ordinal);
    }

    /// <summary>The methods this resolver supports.</summary>
    public IReadOnlyCollection<string> Methods => _methods.Keys;

    /// <summary>
    /// A resolver for did:key and did:jwk (local) and, when <paramref name="webOptions"/> is given,
    /// did:web through the guarded HTTPS client.
    /// </summary>
    public static DidResolver Create(DidWebOptions? webOptions = null, DidKeyOptions? keyOptions = null)
    {
        var methods = new List<IDidMethodResolver> { new DidKeyResolver(keyOptions), new DidJwkResolver() };
        if (webOptions is not null)
        {
            methods.Add(new DidWebResolver(webOptions));
        }

        return new DidResolver(methods);
    }

    /// <summary>Resolves a DID (DID Resolution §"resolve").</summary>
    public async ValueTask<DidResolutionResult> ResolveAsync(string did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= DidResolutionOptions.Default;
        if (!Did.TryParse(did, out var parsed))
        {
            return DidResolutionResult.Failure(DidErrorCodes.InvalidDid, "Not a valid DID.");
        }

        return await ResolveAsync(parsed, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves a parsed DID.</summary>
    public async ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(did);
        options ??= DidResolutionOptions.Default;
        if (!DidMediaTypes.TrySelect(options.Accept, out _))
        {
            return DidResolutionResult.Failure(DidErrorCodes.RepresentationNotSupported, $"The representation '{options.Accept}' is not supported.");
        }

        if (!_methods.TryGetValue(did.Method, out var method))
        {
            return DidResolutionResult.Failure(DidErrorCodes.MethodNotSupported, $"The DID method '{did.Method}' is not supported.");
        }

        try
        {
            return await method.ResolveAsync(did, options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Resolution reports every failure as a result, never as an exception.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return DidResolutionResult.Failure(DidErrorCodes.InternalError, $"The {did.Method} resolver failed: {e.GetType().Name}.");
        }
    }

    /// <summary>
    /// Dereferences a DID URL: a bare DID gives the document; <c>#fragment</c> the verification
    /// method or service with that id; <c>?service=name</c> the service. Other paths and queries
    /// give <c>notFound</c>.
    /// </summary>
    public async ValueTask<DidDereferencingResult> DereferenceAsync(string didUrl, DidResolutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!DidUrl.TryParse(didUrl, out var url))
        {
            return DidDereferencingResult.Failure(DidErrorCodes.InvalidDidUrl, "Not a valid DID URL.");
        }

        var resolution = await ResolveAsync(url.Did, options, cancellationToken).ConfigureAwait(false);
        if (!resolution.IsSuccess)
        {
            return DidDereferencingResult.Failure(resolution.Error ?? DidErrorCodes.NotFound, resolution.DidResolutionMetadata.ErrorMessage);
        }

        var document = resolution.DidDocument!;
        if (url.IsDid)
        {
            return new DidDereferencingResult { Document = document };
        }

        if (url.Path.Length == 0 && url.Query is null && url.Fragment is not null)
        {
            var id = url.ToString();
            var method = document.FindVerificationMethod(id);
            if (method is not null)
            {
                return new DidDereferencingResult { Document = document, VerificationMethod = method };
            }

            var service = document.Service.FirstOrDefault(s => string.Equals(document.Absolute(s.Id), id, StringComparison.Ordinal));
            return service is not null
                ? new DidDereferencingResult { Document = document, Service = service }
                : DidDereferencingResult.Failure(DidErrorCodes.NotFound, $"No verification method or service '{id}' in the document.");
        }

        if (url.Path.Length == 0 && url.Query is not null)
        {
            var name = HttpUtility.ParseQueryString(url.Query)["service"];
            var service = name is null ? null : document.Service.FirstOrDefault(s =>
                string.Equals(document.Absolute(s.Id), document.Id + "#" + name, StringComparison.Ordinal));
            if (service is not null)
            {
                return new DidDereferencingResult { Document = document, Service = service };
            }
        }

        return DidDereferencingResult.Failure(DidErrorCodes.NotFound, "Only fragments and the 'service' query are dereferenced.");
    }

    /// <summary>
    /// Dereferences a DID URL to a verification method, optionally requiring that the document
    /// lists it under <paramref name="relationship"/> (e.g. <c>assertionMethod</c>) and that its
    /// controller is the DID. The key is not decoded here: call <see cref="VerificationMethod.GetPublicKey"/>.
    /// </summary>
    public async ValueTask<DidDereferencingResult> ResolveVerificationMethodAsync(string didUrl, string? relationship = null, CancellationToken cancellationToken = default)
    {
        var result = await DereferenceAsync(didUrl, null, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result;
        }

        if (result.VerificationMethod is null)
        {
            return DidDereferencingResult.Failure(DidErrorCodes.NotFound, "The DID URL does not name a verification method.");
        }

        if (relationship is not null && !result.Document!.IsAuthorized(result.VerificationMethod.Id, relationship))
        {
            return DidDereferencingResult.Failure(DidErrorCodes.NotFound, $"The verification method is not listed under '{relationship}'.");
        }

        // The method must be controlled by the DID it was found under (an attacker's document
        // cannot lend its key to another DID's method id).
        if (!string.Equals(result.Document!.Absolute(result.VerificationMethod.Controller), result.Document.Id, StringComparison.Ordinal))
        {
            return DidDereferencingResult.Failure(DidErrorCodes.NotFound, "The verification method's controller is not the DID.");
        }

        return result;
    }
}
