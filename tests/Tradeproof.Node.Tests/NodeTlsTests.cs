using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tradeproof.Cryptography;

namespace Tradeproof.Node.Tests;

/// <summary>The TLS certificate: self-signed (made, reused, renewed), the operator's (PEM, PKCS#12), refusals.</summary>
public sealed class NodeTlsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tradeproof-tls-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_self_signed_certificate_names_the_public_host_and_localhost_and_is_reused_until_the_host_changes_or_it_expires()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var options = new NodeOptions { DataDirectory = _folder, PublicUrl = new Uri("https://node.example.com") };
        using var first = NodeTls.ServerCertificate(options, clock, SystemRandomSource.Instance);
        Assert.True(first.HasPrivateKey);
        Assert.True(first.MatchesHostname("node.example.com"));
        Assert.True(first.MatchesHostname("localhost"));
        Assert.False(first.MatchesHostname("other.example.com"));
        Assert.Equal("CN=node.example.com", first.Subject);
        Assert.Equal(clock.GetUtcNow().AddDays(365).UtcDateTime, first.NotAfter.ToUniversalTime());
        Assert.NotNull(first.GetECDsaPublicKey());
        Assert.Contains(first.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");

        using var again = NodeTls.ServerCertificate(options, clock, SystemRandomSource.Instance);
        Assert.Equal(first.Thumbprint, again.Thumbprint);

        clock.Now = clock.Now.AddDays(364.5); // less than a day left: renewed
        using var renewed = NodeTls.ServerCertificate(options, clock, SystemRandomSource.Instance);
        Assert.NotEqual(first.Thumbprint, renewed.Thumbprint);

        using var moved = NodeTls.ServerCertificate(options with { PublicUrl = new Uri("https://trade.example.org") }, clock, SystemRandomSource.Instance);
        Assert.NotEqual(renewed.Thumbprint, moved.Thumbprint);
        Assert.True(moved.MatchesHostname("trade.example.org"));
    }

    [Fact]
    public void A_key_file_others_can_read_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var options = new NodeOptions { DataDirectory = _folder };
        NodeTls.ServerCertificate(options, TimeProvider.System, SystemRandomSource.Instance).Dispose();
        var file = Path.Combine(_folder, NodeTls.SelfSignedFile);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var e = Assert.Throws<NodeConfigurationException>(() => NodeTls.ServerCertificate(options, TimeProvider.System, SystemRandomSource.Instance));
        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operators_certificate_is_read_from_pem_with_a_separate_key_and_from_pkcs12_and_a_broken_one_is_a_configuration_error()
    {
        Directory.CreateDirectory(_folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=operator.example.com", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var pem = Path.Combine(_folder, "node.pem");
        var keyPem = Path.Combine(_folder, "node.key");
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        File.WriteAllText(keyPem, key.ExportPkcs8PrivateKeyPem());
        var pfx = Path.Combine(_folder, "node.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "s3cret"));

        var options = new NodeOptions { DataDirectory = _folder };
        using (var fromPem = NodeTls.ServerCertificate(options with { Operability = new OperabilityOptions { CertificatePath = pem, CertificateKeyPath = keyPem } }, TimeProvider.System, SystemRandomSource.Instance))
        {
            Assert.Equal(certificate.Thumbprint, fromPem.Thumbprint);
            Assert.True(fromPem.HasPrivateKey);
        }

        using (var fromPfx = NodeTls.ServerCertificate(options with { Operability = new OperabilityOptions { CertificatePath = pfx, CertificatePassword = "s3cret" } }, TimeProvider.System, SystemRandomSource.Instance))
        {
            Assert.Equal(certificate.Thumbprint, fromPfx.Thumbprint);
            Assert.True(fromPfx.HasPrivateKey);
        }

        Assert.False(File.Exists(Path.Combine(_folder, NodeTls.SelfSignedFile))); // nothing generated beside the operator's
        Assert.Throws<NodeConfigurationException>(() => NodeTls.ServerCertificate(options with { Operability = new OperabilityOptions { CertificatePath = pem } }, TimeProvider.System, SystemRandomSource.Instance));
        Assert.Throws<NodeConfigurationException>(() => NodeTls.ServerCertificate(options with { Operability = new OperabilityOptions { CertificatePath = pfx, CertificatePassword = "wrong" } }, TimeProvider.System, SystemRandomSource.Instance));
        Assert.Throws<NodeConfigurationException>(() => NodeTls.ServerCertificate(options with { Operability = new OperabilityOptions { CertificatePath = Path.Combine(_folder, "missing.pem") } }, TimeProvider.System, SystemRandomSource.Instance));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
