using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// The dashboard's static files (CSS, the world outline), embedded in the assembly from <c>Dashboard/Assets/</c> and
/// served at <c>/dashboard/assets/{name}</c>. Pages link them as <c>/dashboard/assets/{name}?v={hash}</c> (the first
/// 16 hex digits of the file's SHA-256), so they are cached for a year and a new build changes the URL.
/// </summary>
internal static class DashboardAssets
{
    /// <summary>The prefix of the embedded resources' logical names.</summary>
    public const string ResourcePrefix = "Tradeproof.Node.Dashboard.Assets.";

    /// <summary>The <c>Cache-Control</c> of an asset.</summary>
    public const string CacheControl = "public, max-age=31536000, immutable";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The versioned URL of an asset.</summary>
    public static string Url(string name) =>
        Assets.TryGetValue(name, out var asset) ? "/dashboard/assets/" + name + "?v=" + asset.Version : throw new ArgumentException($"No dashboard asset '{name}'.", nameof(name));

    /// <summary>The asset's bytes (tests, and pages that inline a small asset).</summary>
    public static ReadOnlyMemory<byte> Bytes(string name) => Assets[name].Bytes;

    /// <summary>Maps <c>GET /dashboard/assets/{name}</c> (no access check: the assets hold no data).</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard/assets/{name}", async context =>
        {
            var name = context.Request.RouteValues["name"] as string;
            if (name is null || !Assets.TryGetValue(name, out var asset))
            {
                context.Response.StatusCode = 404;
                return;
            }

            var headers = context.Response.Headers;
            headers.CacheControl = CacheControl;
            headers.ETag = asset.ETag;
            headers.XContentTypeOptions = "nosniff";
            if (context.Request.Headers.IfNoneMatch == asset.ETag)
            {
                context.Response.StatusCode = 304;
                return;
            }

            context.Response.ContentType = asset.ContentType;
            context.Response.ContentLength = asset.Bytes.Length;
            await context.Response.Body.WriteAsync(asset.Bytes, context.RequestAborted).ConfigureAwait(false);
        });
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            assets[name] = new Asset(bytes, ContentTypeOf(name), version, "\"" + version + "\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".js" => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, string Version, string ETag);
}
