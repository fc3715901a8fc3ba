using System.CommandLine;
using System.Text;
using System.Text.Json;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;
using Tradeproof.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof present CREDENTIAL... --key KEYFILE [--format di|jwt]</c>: a VerifiablePresentation of the holder,
/// signed for the authentication purpose with the verifier's challenge and domain (VC DM 2.0 §4.13, Data Integrity
/// §2.1), or as a VP-JWT (VC-JOSE-COSE §3.1.2) with nonce and aud; VC-JWTs go in as enveloped credentials (§3.1.3).
/// For an SD-JWT: <c>present SDJWT --disclose CLAIM...</c> keeps the chosen disclosures and, with the holder's key,
/// adds a key binding JWT (RFC 9901 §4.3).
/// </summary>
internal static class PresentCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("CREDENTIAL")
        {
            Description = "Credentials to present: JSON (embedded as is), VC-JWT (enveloped), or a single SD-JWT; - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var key = new Option<string?>("--key") { HelpName = "KEYFILE", Description = "The holder's key file. Required except for an SD-JWT presented without key binding." };
        var holder = new Option<string?>("--holder") { HelpName = "DID", Description = "The holder's DID (default: the key's did:key; did:web: the key is #key-1)." };
        var method = new Option<string?>("--verification-method") { HelpName = "URL", Description = "The DID URL naming the holder's key (default from --holder)." };
        var challenge = new Option<string?>("--challenge", "--nonce") { Description = "The verifier's challenge (Data Integrity challenge; JWT and key binding nonce)." };
        var domain = new Option<string?>("--domain", "--audience") { Description = "The verifier's domain (Data Integrity domain; JWT and key binding aud)." };
        var format = new Option<string>("--format") { Description = "di: a presentation with a Data Integrity proof; jwt: a VP-JWT.", DefaultValueFactory = _ => "di" };
        format.AcceptOnlyFromAmong("di", "jwt");
        var suite = new Option<string?>("--suite") { HelpName = "SUITE", Description = "--format di: eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020, ecdsa-rdfc-2019 or ecdsa-jcs-2019 (default: eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 for P-256/P-384)." };
        suite.AcceptOnlyFromAmong([.. SecuringSuites.DataIntegrity.Where(s => s != "ecdsa-sd-2023")]);
        var disclose = new Option<string[]>("--disclose") { HelpName = "CLAIM", Description = "SD-JWT: a claim name or JSON pointer to disclose (repeat); what contains it is disclosed too." };
        var discloseAll = new Option<bool>("--disclose-all") { Description = "SD-JWT: disclose every claim." };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write the presentation here (atomically) instead of standard output." };
        var command = new Command("present", "Make a presentation of credentials signed by the holder (Data Integrity or VP-JWT), or present a subset of an SD-JWT's disclosures with key binding.")
        {
            files, key, holder, method, challenge, domain, format, suite, disclose, discloseAll, output,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var paths = parse.GetValue(files) ?? [];
            if (paths.Count(p => p == "-") > 1)
            {
                throw new CliInputException("standard input (-) can be read only once");
            }

            var inputs = paths.Select(p => (Path: p, Text: CliInput.ReadAllText(p, console).Trim())).ToList();
            var keyPath = parse.GetValue(key);
            string result;
            if (inputs.Any(i => IsSdJwt(i.Text)))
            {
                if (inputs.Count != 1)
                {
                    throw new CliInputException("an SD-JWT is presented on its own: give one SD-JWT");
                }

                using var holderKey = keyPath is null ? null : KeyCommands.ReadKeyFile(keyPath, console);
                result = SdJwtPresentation.Present(
                    inputs[0].Text,
                    parse.GetValue(disclose) ?? [],
                    parse.GetValue(discloseAll),
                    holderKey,
                    parse.GetValue(challenge),
                    parse.GetValue(domain));
            }
            else
            {
                if ((parse.GetValue(disclose)?.Length ?? 0) > 0 || parse.GetValue(discloseAll))
                {
                    throw new CliInputException("--disclose is for SD-JWTs; derive an ecdsa-sd-2023 credential with 'tradeproof derive'");
                }

                if (keyPath is null)
                {
                    throw new CliInputException("a presentation is signed by the holder: give --key KEYFILE");
                }

                using var pair = KeyCommands.ReadKeyFile(keyPath, console);
                var identity = SigningIdentity.For(pair.PublicKey, parse.GetValue(method), parse.GetValue(holder));
                var credentials = inputs.Select(i => Credential.Read(i.Path, i.Text)).ToList();
                result = parse.GetValue(format) == "jwt"
                    ? PresentJwt(credentials, pair, identity, parse.GetValue(challenge), parse.GetValue(domain))
                    : PresentDataIntegrity(credentials, pair, identity, parse.GetValue(suite), parse.GetValue(challenge), parse.GetValue(domain));
            }

            CommandOutput.Write(console, parse.GetValue(output), result);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static bool IsSdJwt(string text) => !text.StartsWith('{') && text.Contains('~', StringComparison.Ordinal);

    private static string PresentDataIntegrity(List<Credential> credentials, KeyPair key, SigningIdentity identity, string? suite, string? challenge, string? domain)
    {
        var suiteName = suite ?? SecuringSuites.DefaultFor(key.Type, "present with --format jwt");
        SecuringSuites.CheckKey(suiteName, key.Type);

        // A 1.1 presentation for 1.1 credentials (its context must come first and be exact); 2.0 otherwise.
        var v1 = credentials.All(c => c.Version == DataModelVersion.V1_1);
        if (!v1 && credentials.Any(c => c.Version == DataModelVersion.V1_1))
        {
            throw new CliInputException("VC Data Model 1.1 and 2.0 credentials cannot share a presentation: present them separately");
        }

        var suiteContext = SuiteContexts.Required(suiteName, v1);
        var presentation = Presentation(credentials, identity.Did, [v1 ? SuiteContexts.V1 : VcJose.V2Context, .. suiteContext is null ? [] : new[] { suiteContext }], challenge: null, domain: null);
        var engine = new DataIntegrityEngine();
        var signed = LibraryInput.Run(() => engine.AddProof(
            presentation,
            new ProofOptions
            {
                Cryptosuite = suiteName,
                VerificationMethod = identity.VerificationMethod,
                ProofPurpose = ProofPurposes.Authentication,
                Challenge = challenge,
                Domain = domain is null ? null : [domain],
            },
            key));
        return Encoding.UTF8.GetString(signed);
    }

    private static string PresentJwt(List<Credential> credentials, KeyPair key, SigningIdentity identity, string? nonce, string? audience)
    {
        if (JwsAlgorithms.For(key.Type) is null)
        {
            throw new CliInputException($"a {SecuringSuites.Describe(key.Type)} key cannot sign a JWT");
        }

        if (credentials.Any(c => c.Version == DataModelVersion.V1_1))
        {
            throw new CliInputException("a VP-JWT carries VC Data Model 2.0 credentials only");
        }

        var presentation = Presentation(credentials, identity.Did, [VcJose.V2Context], nonce, audience);
        return LibraryInput.Run(() => VcJose.IssuePresentation(presentation, key, identity.VerificationMethod));
    }

    // VC DM 2.0 §4.13 (1.1 §4.10): @context, type, holder, verifiableCredential; for a VP-JWT, nonce and aud claims.
    private static byte[] Presentation(List<Credential> credentials, string holder, IReadOnlyList<string> contexts, string? challenge, string? domain)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("@context");
            foreach (var context in contexts)
            {
                writer.WriteStringValue(context);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("type");
            writer.WriteStringValue("VerifiablePresentation");
            writer.WriteEndArray();
            writer.WriteString("holder", holder);
            writer.WriteStartArray("verifiableCredential");
            foreach (var credential in credentials)
            {
                writer.WriteRawValue(credential.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            if (challenge is not null)
            {
                writer.WriteString("nonce", challenge);
            }

            if (domain is not null)
            {
                writer.WriteString("aud", domain);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A credential to present: its JSON as it came (secured JSON), or the envelope of a VC-JWT.</summary>
    private sealed record Credential(byte[] Json, DataModelVersion Version)
    {
        public static Credential Read(string path, string text)
        {
            var name = CliInput.Describe(path);
            if (text.StartsWith('{'))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var root = StrictJson.ParseElement(bytes);
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("proof", out _))
                {
                    throw new CliInputException($"{name} has no proof: issue it first ('tradeproof issue')");
                }

                if (!VerifiableCredential.TryParse(bytes, null, out var credential, out var problems))
                {
                    throw new CliInputException($"{name} is not a verifiable credential: {string.Join("; ", problems)}");
                }

                return new Credential(bytes, credential!.Version);
            }

            if (text.Count(c => c == '.') == 2 && !text.Any(char.IsWhiteSpace))
            {
                return new Credential(VcJose.Envelope(text), DataModelVersion.V2_0);
            }

            throw new CliInputException($"{name} is neither a JSON credential, a VC-JWT nor an SD-JWT");
        }
    }
}
