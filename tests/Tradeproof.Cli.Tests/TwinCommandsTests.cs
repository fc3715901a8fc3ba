using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Cryptography;

namespace Tradeproof.Cli.Tests;

/// <summary>Signed trade credentials for the twin and rules verbs: a producer and two traders of an oil batch.</summary>
internal sealed class SignedTradeFiles : IDisposable
{
    public const string Batch = "WCS-CLI-1";
    private readonly Dictionary<string, KeyPair> _keys = [];
    private readonly CredentialIssuer _issuer = new(new DataIntegrityEngine(), TimeProvider.System, new CountingRandomSource());

    public SignedTradeFiles()
    {
        Folder = Directory.CreateTempSubdirectory("tradeproof-twin-").FullName;
    }

    public string Folder { get; }

    public string Did(string party)
    {
        if (!_keys.TryGetValue(party, out var key))
        {
            var seed = SHA(party);
            _keys[party] = key = KeyPair.FromSecretBytes(KeyType.Ed25519, seed);
        }

        return "did:key:" + key.PublicKey.ToMultibase();
    }

    public string Issue(string party, string type, string subjectJson)
    {
        var did = Did(party);
        var key = _keys[party];
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1", "https://tradeproof.dev/contexts/trade/v1"),
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["issuer"] = new JsonObject { ["id"] = did, ["name"] = party },
            ["credentialSubject"] = JsonNode.Parse(subjectJson),
        };
        var issued = _issuer.IssueAsync(Encoding.UTF8.GetBytes(credential.ToJsonString()), key, new IssuanceOptions
        {
            VerificationMethod = did + "#" + key.PublicKey.ToMultibase(),
            Cryptosuite = "eddsa-jcs-2022",
        }).AsTask().GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(issued.Utf8.Span);
    }

    public string Write(string name, string json)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    public string Product(string country = "CA") => Issue("Prairie Oil", "OilAndGasProductCredential", $$"""
        { "lotNumber": "{{Batch}}", "productionDate": "2026-06-30",
          "facility": { "address": { "addressCountry": "{{country}}" } },
          "product": { "name": "Crude oil", "countryOfOrigin": "{{country}}", "commodity": { "commodityCode": "2709.00.20", "commodityCodeType": "HTS" } },
          "observation": [{ "property": { "name": "gsv_bbl" }, "measurement": { "value": "1000", "unitCode": "BLL" } }] }
        """);

    public string Sale(string seller, string buyer, int barrels, string time) => Issue(seller, "CustodyTransferCredential", $$"""
        { "transferType": ["ownership"], "from": { "id": "{{Did(seller)}}", "name": "{{seller}}" }, "to": { "id": "{{Did(buyer)}}", "name": "{{buyer}}" },
          "product": { "name": "Crude oil", "countryOfOrigin": "CA" }, "lotNumber": "{{Batch}}",
          "quantity": { "value": "{{barrels}}", "unitCode": "BLL" }, "transferTime": "{{time}}" }
        """);

    public static string Presentation(params string[] credentials) =>
        $$"""{ "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"], "verifiableCredential": [{{string.Join(",", credentials)}}] }""";

    private static byte[] SHA(string text) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }

    private sealed class CountingRandomSource : IRandomSource
    {
        private byte _next;

        public void Fill(Span<byte> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = _next++;
            }
        }
    }
}

public sealed class TwinCommandsTests : IDisposable
{
    private readonly SignedTradeFiles _files = new();

    public void Dispose() => _files.Dispose();

    private void WriteChain(int lastSale)
    {
        _files.Write("1-product.json", _files.Product());
        _files.Write("2-sale.json", _files.Sale("Prairie Oil", "Trader A", 1000, "2026-07-01T00:00:00Z"));
        _files.Write("3-sales.json", "[" + _files.Sale("Trader A", "Refinery", lastSale, "2026-07-02T00:00:00Z") + "]");
    }

    [Fact]
    public void Twin_show_prints_what_who_where_and_the_timeline()
    {
        WriteChain(lastSale: 1000);
        var result = CliRunner.Run("twin", "show", SignedTradeFiles.Batch, "--from", _files.Folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("twin WCS-CLI-1", result.Output, StringComparison.Ordinal);
        Assert.Contains("origin       countryOfProduction CA", result.Output, StringComparison.Ordinal);
        Assert.Contains("owner        Refinery (" + _files.Did("Refinery") + ")", result.Output, StringComparison.Ordinal);
        Assert.Contains("issues: none", result.Output, StringComparison.Ordinal);
        Assert.Contains("credentials: 3 read, 3 verified, 0 not verified", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Twin_show_json_reports_the_oversell_and_ignores_a_tampered_credential()
    {
        WriteChain(lastSale: 1500);
        var forged = JsonNode.Parse(_files.Sale("Trader A", "Refinery", 1, "2026-07-03T00:00:00Z"))!;
        forged["credentialSubject"]!["quantity"]!["value"] = "99999";
        _files.Write("4-forged.json", forged.ToJsonString());

        var result = CliRunner.Run("twin", "show", SignedTradeFiles.Batch, "--from", _files.Folder, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("TWIN-OVERSOLD", root.GetProperty("issues")[0].GetProperty("code").GetString());
        Assert.Equal(3, root.GetProperty("credentials").GetProperty("verified").GetInt32());
        Assert.Equal(1, root.GetProperty("credentials").GetProperty("notVerified").GetArrayLength());
        Assert.Equal(-500m, root.GetProperty("who").GetProperty("holdings").GetProperty(_files.Did("Trader A")).GetDecimal());
        Assert.Equal(root.GetProperty("timeline").GetArrayLength(), root.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public void An_identifier_no_verified_credential_names_is_exit_1_with_one_error_line()
    {
        WriteChain(lastSale: 1000);
        var result = CliRunner.Run("twin", "show", "NO-SUCH-LOT", "--from", _files.Folder);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("tradeproof: error: no verified credential", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_missing_folder_or_a_file_that_is_not_json_is_exit_1()
    {
        Assert.Equal(1, CliRunner.Run("twin", "show", "X", "--from", Path.Combine(_files.Folder, "nope")).ExitCode);
        _files.Write("bad.json", "{ not json");
        var result = CliRunner.Run("twin", "show", "X", "--from", _files.Folder);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.json is not JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_from_it_is_a_usage_error()
    {
        Assert.Equal(2, CliRunner.Run("twin", "show", "X").ExitCode);
        Assert.Equal(2, CliRunner.Run("twin", "show", "X", "--from", ".", "--node", "http://127.0.0.1:1").ExitCode);
        Assert.Equal(2, CliRunner.Run("twin", "show", "X", "--node", "http://127.0.0.1:1").ExitCode);
    }

    [Fact]
    public void A_node_that_does_not_answer_is_exit_69_unavailable_with_one_error_line()
    {
        var result = CliRunner.Run("twin", "show", "X", "--node", "http://127.0.0.1:1", "--tenant", "cbp", "--token", "t");
        Assert.Equal(69, result.ExitCode);
        Assert.StartsWith("tradeproof: error: cannot reach the server", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
