using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tradeproof.Cryptography;

namespace Tradeproof.Node;

/// <summary>
/// Listening rules and the TLS certificate: plain HTTP only on loopback (unless the operator allows it), HTTPS with
/// the operator's certificate or a self-signed P-256 certificate made at first start in <c>DATA/tls/node-tls.pem</c>
/// (certificate and PKCS#8 key in one file, owner-only permissions, written atomically), reused on restart while it is
/// valid for another day and names the public host.
/// </summary>
public static class NodeTls
{
    /// <summary>The generated certificate's file, relative to the data folder.</summary>
    public const string SelfSignedFile = "tls/node-tls.pem";

    /// <summary>Checks listening URLs: http or https only, and plain HTTP only on a loopback host unless
    /// <paramref name="allowRemoteHttp"/>.</summary>
    /// <returns>Whether any URL is HTTPS (a certificate is needed).</returns>
    /// <exception cref="NodeConfigurationException">A URL is malformed or plain HTTP off loopback.</exception>
    public static bool CheckUrls(string urls, bool allowRemoteHttp)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var https = false;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = url.IndexOf("://", StringComparison.Ordinal);
            var scheme = at > 0 ? url[..at].ToLowerInvariant() : null;
            if (scheme is not ("http" or "https"))
            {
                throw new NodeConfigurationException($"The listening URL '{url}' is not http:// or https://.");
            }

            if (scheme == "https")
            {
                https = true;
                continue;
            }

            var rest = url[(at + 3)..];
            var authority = rest.Split('/')[0];
            var host = authority.StartsWith('[') ? authority[..(authority.IndexOf(']', StringComparison.Ordinal) + 1)] : authority.Split(':')[0];
            if (!allowRemoteHttp && !IsLoopbackHost(host))
            {
                throw new NodeConfigurationException(
                    $"The listening URL '{url}' is plain HTTP on an address other parties can reach: use https://, listen on localhost/127.0.0.1/[::1], or set Node:AllowRemoteHttp (--allow-remote-http).");
            }
        }

        return https;
    }

    /// <summary>Whether a host name or address is loopback (<c>localhost</c>, 127.0.0.0/8, <c>::1</c>).</summary>
    public static bool IsLoopbackHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']');
        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The certificate to serve HTTPS with: the operator's when configured, else the self-signed one (made or
    /// renewed when missing, expiring within a day, or not naming <paramref name="options"/>' public host).</summary>
    /// <exception cref="NodeConfigurationException">The operator's certificate cannot be read, or the stored key file
    /// is readable by others.</exception>
    public static X509Certificate2 ServerCertificate(NodeOptions options, TimeProvider time, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        var o = options.Operability;
        if (o.CertificatePath is { } path)
        {
            return OperatorCertificate(path, o.CertificateKeyPath, o.CertificatePassword);
        }

        var file = Path.Combine(Path.GetFullPath(options.DataDirectory), SelfSignedFile);
        var host = options.PublicUrl.IdnHost;
        var now = time.GetUtcNow();
        if (File.Exists(file))
        {
            CheckOwnerOnly(file);
            X509Certificate2? stored = null;
            try
            {
                stored = X509Certificate2.CreateFromPemFile(file);
            }
            catch (CryptographicException)
            {
                // Unreadable: made anew below.
            }

            if (stored is not null && stored.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1) && stored.NotBefore.ToUniversalTime() <= now.UtcDateTime && stored.MatchesHostname(host))
            {
                return stored;
            }

            stored?.Dispose();
        }

        return CreateSelfSigned(file, host, now, o.SelfSignedCertificateDays, random);
    }

    /// <summary>The SHA-256 fingerprint (upper-case hex) of a certificate, for pinning.</summary>
    public static string Sha256Fingerprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private static X509Certificate2 OperatorCertificate(string path, string? keyPath, string? password)
    {
        try
        {
            var extension = Path.GetExtension(path);
            if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }

            var certificate = password is null
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new NodeConfigurationException($"The certificate '{path}' comes without its private key (Node:Https:KeyPath).");
            }

            return certificate;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new NodeConfigurationException($"The TLS certificate '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static X509Certificate2 CreateSelfSigned(string file, string host, DateTimeOffset now, int days, IRandomSource random)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedName("CN=" + (host.Length > 0 ? host : "localhost"));
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            names.AddIpAddress(address);
        }
        else if (!host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            names.AddDnsName(host);
        }

        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = new byte[16];
        random.Fill(serial);
        serial[0] &= 0x7F; // a positive serial number (RFC 5280 §4.1.2.2)
        serial[0] |= 0x01;
        using var unsigned = request.Create(subject, X509SignatureGenerator.CreateForECDsa(key), now.AddHours(-1), now.AddDays(days), serial);
        using var signed = unsigned.CopyWithPrivateKey(key);
        var pem = signed.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";

        var folder = Path.GetDirectoryName(file)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = file + "." + Convert.ToHexString(serial.AsSpan(0, 6)) + ".tmp";
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, streamOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pem);
        }

        File.Move(temporary, file, overwrite: true);
        return X509Certificate2.CreateFromPem(pem, pem);
    }

    private static void CheckOwnerOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(file);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new NodeConfigurationException($"The TLS key file '{file}' is readable or writable by others (mode {Convert.ToString((int)mode, 8)}); make it owner-only (chmod 600) or delete it to make a new one.");
        }
    }
}
