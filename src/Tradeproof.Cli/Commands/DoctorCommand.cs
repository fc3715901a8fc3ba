using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tradeproof.Node;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof doctor [--config FILE] [--data DIR] [--postgres CONNSTR] [--public-url URL] [--urls URLS] [--json]</c>:
/// checks a node's configuration without starting it and without changing anything (no database is created or
/// migrated, no key or certificate made): configuration, data folder, store and migrations, node keys, ports, public
/// URL, TLS certificate, PostgreSQL, the GC budget. One line per check (ok, warn, fail); exit 1 when a check fails.
/// </summary>
internal static class DoctorCommand
{
    /// <summary>How a check came out.</summary>
    internal enum Status
    {
        Ok,
        Warn,
        Fail,
    }

    /// <summary>One check's outcome.</summary>
    internal sealed record Check(string Name, Status Status, string Detail);

    public static Command Create(CliConsole console)
    {
        var store = new NodeStoreOptions();
        var urls = new Option<string?>("--urls") { HelpName = "URLS", Description = "The listening URLs to check (default Node:Urls, else " + OperabilityOptions.DefaultUrls + ")." };
        var json = new Option<bool>("--json") { Description = "Print {outcome, checks: [{name, status, detail}]} as JSON." };
        var command = new Command("doctor", "Check a node's configuration without starting it: configuration, data folder, store and migrations, node keys, ports, public URL, TLS certificate, PostgreSQL, GC budget. Exit 1 if a check fails.")
        {
            urls, json,
        };
        store.AddTo(command);
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var checks = Run(store, parse, parse.GetValue(urls), TimeProvider.System);
            var failed = checks.Any(c => c.Status == Status.Fail);
            var outcome = failed ? "fail" : checks.Any(c => c.Status == Status.Warn) ? "warn" : "ok";
            if (parse.GetValue(json))
            {
                console.Output.WriteLine(CommandOutput.Json(w =>
                {
                    w.WriteString("outcome", outcome);
                    w.WriteStartArray("checks");
                    foreach (var check in checks)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", check.Name);
                        w.WriteString("status", Name(check.Status));
                        w.WriteString("detail", check.Detail);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }));
            }
            else
            {
                foreach (var check in checks)
                {
                    console.Output.WriteLine($"{Name(check.Status),-4}  {check.Name,-12}  {check.Detail}");
                }
            }

            if (failed)
            {
                var first = checks.First(c => c.Status == Status.Fail);
                console.Error.WriteLine($"tradeproof: error: doctor: {first.Name}: {first.Detail}");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Name(Status status) => status switch
    {
        Status.Ok => "ok",
        Status.Warn => "warn",
        _ => "fail",
    };

    /// <summary>Every check, in order; later checks that need an earlier one's result are skipped (reported) when it failed.</summary>
    public static IReadOnlyList<Check> Run(NodeStoreOptions store, ParseResult parse, string? urlsOption, TimeProvider time)
    {
        var checks = new List<Check>();
        NodeOptions options;
        var configFile = parse.GetValue(store.Config);
        try
        {
            options = store.Read(parse);
            checks.Add(new Check("config", Status.Ok, configFile is null
                ? "no --config file; defaults, TRADEPROOF__NODE__* environment variables and the command line are valid"
                : $"{configFile} read; its Node section and the TRADEPROOF__NODE__* environment variables are valid"));
        }
        catch (NodeConfigurationException e)
        {
            checks.Add(new Check("config", Status.Fail, e.Message + " Fix the file or variable named."));
            return checks;
        }

        var postgres = options.PostgresConnectionString is not null;
        if (!postgres)
        {
            checks.Add(DataFolder(options));
            checks.AddRange(Sqlite(options));
        }
        else
        {
            checks.Add(new Check("data", Status.Ok, "PostgreSQL store: the data folder holds only the self-signed TLS certificate (" + Path.GetFullPath(options.DataDirectory) + ")"));
            checks.AddRange(Postgres(options));
        }

        var listen = urlsOption ?? options.Operability.Urls ?? OperabilityOptions.DefaultUrls;
        checks.AddRange(Ports(listen, options.Operability.AllowRemoteHttp));
        checks.Add(PublicUrl(options, listen));
        checks.Add(Certificate(options, listen, time));
        checks.Add(Gc(OperatingSystem.IsLinux(), System.Runtime.GCSettings.IsServerGC, Environment.GetEnvironmentVariable));
        return checks;
    }

    /// <summary>The GC budget <c>serve</c> runs with in this environment (<see cref="ServeGcBudget"/>); warn when the operator's value is not hexadecimal.</summary>
    internal static Check Gc(bool isLinux, bool serverGc, Func<string, string?> environment)
    {
        if (NodeGcBudget.IsChosen(environment))
        {
            var value = environment(NodeGcBudget.Variable) ?? environment(NodeGcBudget.LegacyVariable)!;
            return NodeGcBudget.Bytes(value) is null
                ? new Check("gc", Status.Warn, $"{NodeGcBudget.Describe(serverGc, environment)}: the runtime reads it as hexadecimal bytes, e.g. {NodeGcBudget.DefaultValue} for 64 MiB")
                : new Check("gc", Status.Ok, $"the operator's choice, kept by serve: {NodeGcBudget.Describe(serverGc, environment)}");
        }

        return isLinux
            ? new Check("gc", Status.Ok, $"serve restarts itself with {NodeGcBudget.Describe(serverGc, name => name == NodeGcBudget.Variable ? NodeGcBudget.DefaultValue : null)}; set {NodeGcBudget.Variable} to choose (0: the runtime's default)")
            : new Check("gc", Status.Ok, $"{NodeGcBudget.Describe(serverGc, environment)}: not Linux, serve does not restart itself; set {NodeGcBudget.Variable}={NodeGcBudget.DefaultValue} in its environment for a 64 MiB budget");
    }

    private static Check DataFolder(NodeOptions options)
    {
        var folder = Path.GetFullPath(options.DataDirectory);
        if (File.Exists(folder))
        {
            return new Check("data", Status.Fail, $"{folder} is a file, not a folder: give --data a folder (Node:DataDirectory)");
        }

        var existing = folder;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing);
            if (existing is null)
            {
                return new Check("data", Status.Fail, $"{folder}: no parent folder exists");
            }
        }

        var probe = Path.Combine(existing, ".tradeproof-doctor-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Check("data", Status.Fail, $"{existing} is not writable ({e.Message}): give --data a folder the node's user can write");
        }

        return existing == folder
            ? new Check("data", Status.Ok, $"{folder} exists and is writable")
            : new Check("data", Status.Warn, $"{folder} does not exist yet; the node creates it at first start ({existing} is writable)");
    }

    private static IEnumerable<Check> Sqlite(NodeOptions options)
    {
        var database = Path.GetFullPath(Path.Combine(options.DataDirectory, NodeStoreFactory.DatabaseFile));
        var keyFile = Path.Combine(options.DataDirectory, NodeStoreFactory.OperatorKeyFile);
        if (options.OperatorKey is not null)
        {
            yield return OperatorKeyCheck(options.OperatorKey, "Node:OperatorKey");
        }
        else if (File.Exists(keyFile))
        {
            yield return OperatorKeyCheck(File.ReadAllText(keyFile), keyFile);
        }
        else
        {
            yield return new Check("operator-key", File.Exists(database) ? Status.Fail : Status.Warn, File.Exists(database)
                ? $"{keyFile} is missing but the database exists: its sealed keys cannot be opened; restore the key file from backup"
                : $"{keyFile} does not exist yet; the node makes it at first start (back it up with the database)");
        }

        if (!File.Exists(database))
        {
            yield return new Check("store", Status.Warn, $"{database} does not exist yet; the node creates and migrates it at first start");
            yield return new Check("node-keys", Status.Warn, "none yet; the node makes its Ed25519 and P-256 keys at first start");
            yield break;
        }

        var connection = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        Check[] found;
        try
        {
            using var sqlite = new SqliteConnection(connection);
            sqlite.Open();
            found = StoreState(sqlite, "sqlite", database);
        }
        catch (SqliteException e)
        {
            found = [new Check("store", Status.Fail, $"{database} cannot be opened: {e.Message} (is it a Tradeproof database? restore it from backup)")];
        }

        foreach (var check in found)
        {
            yield return check;
        }
    }

    private static IEnumerable<Check> Postgres(NodeOptions options)
    {
        if (options.OperatorKey is null)
        {
            yield return new Check("operator-key", Status.Fail, "PostgreSQL needs Node:OperatorKey (TRADEPROOF__NODE__OPERATORKEY): base64 of 32 bytes, kept out of the database");
        }
        else
        {
            yield return OperatorKeyCheck(options.OperatorKey, "Node:OperatorKey");
        }

        Check[] found;
        string where;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString) { Timeout = 5, Pooling = false };
            where = $"{builder.Host}:{builder.Port}/{builder.Database}";
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            found = [new Check("postgres", Status.Ok, $"{where} reachable (server {connection.ServerVersion})"), .. StoreState(connection, "postgres", where)];
        }
        catch (ArgumentException e)
        {
            found = [new Check("postgres", Status.Fail, $"the connection string is malformed: {e.Message}")];
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            found = [new Check("postgres", Status.Fail, $"cannot connect: {e.Message.ReplaceLineEndings(" ")}: check host, port, user, password and that the server runs")];
        }

        foreach (var check in found)
        {
            yield return check;
        }
    }

    // Read-only: the applied migrations against the ones this build carries, and the node's own keys.
    private static Check[] StoreState(System.Data.Common.DbConnection connection, string provider, string where)
    {
        var known = typeof(Storage.ITradeproofStore).Assembly.GetManifestResourceNames()
            .Count(r => r.StartsWith("Tradeproof.Storage.Migrations." + provider, StringComparison.Ordinal)
                && r.Length > 31 + provider.Length && r[30 + provider.Length] is '/' or '\\' or '.'
                && r.EndsWith(".sql", StringComparison.Ordinal));
        long applied;
        try
        {
            applied = Scalar(connection, "SELECT COUNT(*) FROM schema_migrations");
        }
        catch (System.Data.Common.DbException)
        {
            return [new Check("store", Status.Warn, $"{where} has no schema yet; the node migrates it at first start ({known} migrations)"),
                new Check("node-keys", Status.Warn, "none yet; the node makes its keys at first start")];
        }

        var store = applied == known
            ? new Check("store", Status.Ok, $"{where} opens; schema at migration {applied} of {known}")
            : applied < known
                ? new Check("store", Status.Warn, $"{where} at migration {applied} of {known}: the node applies the rest at start (back up first)")
                : new Check("store", Status.Fail, $"{where} at migration {applied}, newer than this build knows ({known}): run the newer tradeproof");
        var keys = Scalar(connection, $"SELECT COUNT(*) FROM keys WHERE tenant_id = '{NodeIdentity.NodeTenantId}'");
        var tenants = Scalar(connection, $"SELECT COUNT(*) FROM tenants WHERE id <> '{NodeIdentity.NodeTenantId}'");
        var nodeKeys = keys > 0
            ? new Check("node-keys", Status.Ok, string.Create(CultureInfo.InvariantCulture, $"{keys} node keys; {tenants} organisations (tenants)"))
            : new Check("node-keys", Status.Warn, "no node keys yet; the node makes its Ed25519 and P-256 keys at first start");
        return [store, nodeKeys];
    }

    private static long Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static Check OperatorKeyCheck(string text, string where)
    {
        try
        {
            _ = Storage.OperatorKey.FromBase64(text.Trim());
            return new Check("operator-key", Status.Ok, $"{where}: 32 bytes");
        }
        catch (ArgumentException)
        {
            return new Check("operator-key", Status.Fail, $"{where} is not base64 of 32 bytes: restore the right key (without it the sealed keys cannot be opened)");
        }
    }

    private static IEnumerable<Check> Ports(string listen, bool allowRemoteHttp)
    {
        try
        {
            _ = NodeTls.CheckUrls(listen, allowRemoteHttp);
        }
        catch (NodeConfigurationException e)
        {
            return [new Check("ports", Status.Fail, e.Message)];
        }

        var checks = new List<Check>();
        foreach (var url in listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
            {
                checks.Add(new Check("ports", Status.Fail, $"'{url}' is not a URL"));
                continue;
            }

            var address = uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
                : IPAddress.Any;
            if (uri.Port == 0)
            {
                checks.Add(new Check("ports", Status.Ok, $"{url}: port 0, a free port is picked at start"));
                continue;
            }

            var listener = new TcpListener(address, uri.Port);
            try
            {
                listener.Start();
                checks.Add(new Check("ports", Status.Ok, $"{url}: port {uri.Port} is free"));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                checks.Add(new Check("ports", Status.Fail, $"{url}: port {uri.Port} is in use (another node or program): stop it or choose --urls / Node:Urls"));
            }
            catch (SocketException e)
            {
                checks.Add(new Check("ports", Status.Fail, $"{url}: cannot listen on {address}:{uri.Port} ({e.SocketErrorCode}): check the address belongs to this machine and the port is allowed"));
            }
            finally
            {
                listener.Stop();
            }
        }

        return checks;
    }

    /// <summary>
    /// Before <c>serve</c> starts the host: a listening URL whose port is taken is refused here, on one line, instead
    /// of by Kestrel after the host has logged its stack traces.
    /// </summary>
    /// <exception cref="PortInUseException">A port is in use.</exception>
    public static void RefuseBusyPorts(string listen)
    {
        string[] urls;
        try
        {
            urls = [.. Ports(listen, allowRemoteHttp: true).Where(c => c.Status == Status.Fail && c.Detail.Contains(" is in use ", StringComparison.Ordinal)).Select(c => c.Detail)];
        }
        catch (NodeConfigurationException)
        {
            return; // serve reports malformed URLs itself
        }

        if (urls.Length > 0)
        {
            throw new PortInUseException(urls[0][..urls[0].IndexOf(" (", StringComparison.Ordinal)]);
        }
    }

    private static Check PublicUrl(NodeOptions options, string listen)
    {
        var url = options.PublicUrl;
        var loopback = NodeTls.IsLoopbackHost(url.Host);
        var listensOffLoopback = listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(u => Uri.TryCreate(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var l) && !NodeTls.IsLoopbackHost(l.Host));
        if (loopback && listensOffLoopback)
        {
            return new Check("public-url", Status.Warn, $"{url} is loopback but the node listens for others: its did:web DIDs name {url.Host}, which nobody else can resolve; set --public-url / Node:PublicUrl to the name others reach");
        }

        if (!loopback && url.Scheme != "https")
        {
            return new Check("public-url", Status.Warn, $"{url} is plain HTTP: did:web resolves over HTTPS only, so others cannot resolve this node's DIDs; use https:// (a TLS proxy in front is fine)");
        }

        return new Check("public-url", Status.Ok, $"{url} (node DID {new NodeIdentity(url).NodeDid})");
    }

    private static Check Certificate(NodeOptions options, string listen, TimeProvider time)
    {
        var https = listen.Contains("https://", StringComparison.OrdinalIgnoreCase);
        var o = options.Operability;
        if (!https && o.CertificatePath is null)
        {
            return new Check("certificate", Status.Ok, "no https:// listening URL: no certificate needed (a TLS proxy in front must present one)");
        }

        var now = time.GetUtcNow().UtcDateTime;
        X509Certificate2 certificate;
        string source;
        if (o.CertificatePath is { } path)
        {
            source = path;
            try
            {
                certificate = NodeTls.ServerCertificate(options, time, Cryptography.SystemRandomSource.Instance);
            }
            catch (NodeConfigurationException e)
            {
                return new Check("certificate", Status.Fail, e.Message);
            }
        }
        else
        {
            source = Path.Combine(Path.GetFullPath(options.DataDirectory), NodeTls.SelfSignedFile);
            if (!File.Exists(source))
            {
                return new Check("certificate", Status.Warn, $"no certificate configured: the node makes a self-signed one at {source} at first start (others will not trust it; configure Node:Https:CertificatePath for production)");
            }

            try
            {
                certificate = X509Certificate2.CreateFromPemFile(source);
            }
            catch (CryptographicException e)
            {
                return new Check("certificate", Status.Warn, $"{source} cannot be read ({e.Message}); the node makes a new self-signed one at start");
            }
        }

        using (certificate)
        {
            var notBefore = certificate.NotBefore.ToUniversalTime();
            var notAfter = certificate.NotAfter.ToUniversalTime();
            var dates = string.Create(CultureInfo.InvariantCulture, $"{source}: {certificate.Subject}, valid {notBefore:yyyy-MM-dd} to {notAfter:yyyy-MM-dd}");
            if (now < notBefore || now > notAfter)
            {
                return o.CertificatePath is null
                    ? new Check("certificate", Status.Warn, $"{dates}: not valid now; the node makes a new self-signed one at start")
                    : new Check("certificate", Status.Fail, $"{dates}: not valid now; renew it");
            }

            if (!certificate.MatchesHostname(options.PublicUrl.IdnHost))
            {
                return new Check("certificate", Status.Warn, $"{dates}: does not name the public host {options.PublicUrl.IdnHost}; clients will refuse it");
            }

            if (notAfter - now < TimeSpan.FromDays(30))
            {
                return new Check("certificate", Status.Warn, string.Create(CultureInfo.InvariantCulture, $"{dates}: expires in {(notAfter - now).TotalDays:N0} days; renew it"));
            }

            return new Check("certificate", o.CertificatePath is null ? Status.Warn : Status.Ok, o.CertificatePath is null ? dates + " (self-signed: others will not trust it; configure Node:Https:CertificatePath for production)" : dates);
        }
    }
}

/// <summary>A port <c>serve</c> would listen on is taken by another program.</summary>
internal sealed class PortInUseException(string message) : IOException(message);
