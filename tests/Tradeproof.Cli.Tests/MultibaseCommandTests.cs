using System.Text.Json;

namespace Tradeproof.Cli.Tests;

public sealed class MultibaseCommandTests
{
    [Theory]
    [InlineData("base58btc", "zCn8eVZg")]
    [InlineData("base64url", "uaGVsbG8")]
    [InlineData("base16", "f68656c6c6f")]
    public void Encode_writes_the_multibase_string_of_standard_input(string encoding, string expected)
    {
        var result = CliRunner.RunWithInput("hello", "multibase", "encode", "--base", encoding);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected + "\n", result.Output);
    }

    [Fact]
    public void Encode_and_decode_round_trip_hex_input()
    {
        var encoded = CliRunner.RunWithInput("00 01 ff", "multibase", "encode", "--hex", "--base", "base58btc");
        Assert.Equal(0, encoded.ExitCode);
        var decoded = CliRunner.Run("multibase", "decode", encoded.Output.Trim());
        Assert.Equal(0, decoded.ExitCode);
        Assert.Equal("0001ff\n", decoded.Output);
    }

    [Fact]
    public void Decode_json_names_the_encoding_and_the_multicodec_of_a_did_key()
    {
        // The Ed25519 did:key of the did:key spec's examples.
        var result = CliRunner.Run("multibase", "decode", "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("base58btc", json.RootElement.GetProperty("encoding").GetString());
        Assert.Equal(34, json.RootElement.GetProperty("length").GetInt32());
        Assert.Equal("ed25519-pub", json.RootElement.GetProperty("multicodec").GetProperty("name").GetString());
        Assert.Equal(32, json.RootElement.GetProperty("multicodec").GetProperty("payloadLength").GetInt32());
    }

    [Fact]
    public void Encode_with_a_codec_prefixes_the_bytes()
    {
        var key = new string('0', 64);
        var result = CliRunner.RunWithInput(key, "multibase", "encode", "--hex", "--codec", "ed25519-pub");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("z6Mk", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?abc")]
    [InlineData("z0OIl")]
    [InlineData("")]
    public void Decode_refuses_unknown_prefixes_and_bad_characters_on_one_line(string value)
    {
        var result = CliRunner.Run("multibase", "decode", value);
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.StartsWith("tradeproof: error: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_refuses_an_unknown_encoding_name()
    {
        var result = CliRunner.RunWithInput("x", "multibase", "encode", "--base", "base99");
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains("base99", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
