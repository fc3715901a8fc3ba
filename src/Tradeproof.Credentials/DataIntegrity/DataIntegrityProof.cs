using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>
/// A proof object (VC Data Integrity 1.0 §2.1 "Proofs"): the members a proof engine reads, over the
/// original JSON (<see cref="Json"/>), which is what a proof configuration is rebuilt from, so members this
/// model does not name are kept and signed. Build one with <see cref="TryParse"/> (never throws on bad
/// input) or <see cref="ProofOptions.ToConfiguration"/> when creating a proof.
/// </summary>
public sealed class DataIntegrityProof
{
    /// <summary>The <c>type</c> of proofs that name a <c>cryptosuite</c>.</summary>
    public const string DataIntegrityProofType = "DataIntegrityProof";

    private DataIntegrityProof(JsonElement json)
    {
        Json = json;
    }

    /// <summary>The proof object as given (a self-contained clone).</summary>
    public JsonElement Json { get; }

    /// <summary><c>id</c>, when the proof has one (proof chains refer to it in <c>previousProof</c>).</summary>
    public string? Id { get; private init; }

    /// <summary><c>type</c>: <c>DataIntegrityProof</c> or a legacy suite name (Ed25519Signature2020, ...).</summary>
    public string Type { get; private init; } = "";

    /// <summary><c>cryptosuite</c>, for <c>DataIntegrityProof</c>.</summary>
    public string? Cryptosuite { get; private init; }

    /// <summary><c>verificationMethod</c>: a URL naming the key.</summary>
    public string VerificationMethod { get; private init; } = "";

    /// <summary><c>proofPurpose</c>, e.g. <c>assertionMethod</c>.</summary>
    public string ProofPurpose { get; private init; } = "";

    /// <summary><c>created</c>, when present.</summary>
    public DateTimeOffset? Created { get; private init; }

    /// <summary><c>expires</c>, when present.</summary>
    public DateTimeOffset? Expires { get; private init; }

    /// <summary><c>domain</c> (a string or a list of strings), empty when absent.</summary>
    public IReadOnlyList<string> Domain { get; private init; } = [];

    /// <summary><c>challenge</c>, when present.</summary>
    public string? Challenge { get; private init; }

    /// <summary><c>nonce</c>, when present.</summary>
    public string? Nonce { get; private init; }

    /// <summary><c>previousProof</c> (a string or a list of strings), empty when absent.</summary>
    public IReadOnlyList<string> PreviousProof { get; private init; } = [];

    /// <summary><c>proofValue</c>, when present (Data Integrity suites).</summary>
    public string? ProofValue { get; private init; }

    /// <summary><c>jws</c>, when present (Ed25519Signature2018, JsonWebSignature2020).</summary>
    public string? Jws { get; private init; }

    /// <summary>The proof's own <c>@context</c>, when it has one.</summary>
    public JsonElement? Context { get; private init; }

    /// <summary>
    /// Reads a proof object. Returns false with a <see cref="ProblemTypes.ProofVerificationError"/> or
    /// <see cref="ProblemTypes.MalformedValueError"/> problem when it is not an object or a member has the
    /// wrong JSON type or syntax (VC Data Integrity 1.0 §4.4 step 2: required members present).
    /// </summary>
    public static bool TryParse(JsonElement json, out DataIntegrityProof? proof, out Problem? problem)
    {
        proof = null;
        problem = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            problem = Malformed("A proof must be a JSON object.");
            return false;
        }

        string? id = null, type = null, suite = null, method = null, purpose = null, challenge = null, nonce = null, value = null, jws = null;
        DateTimeOffset? created = null, expires = null;
        IReadOnlyList<string> domain = [], previous = [];
        JsonElement? context = null;
        foreach (var member in json.EnumerateObject())
        {
            var ok = member.Name switch
            {
                "id" => TryString(member.Value, out id),
                "type" => TryString(member.Value, out type),
                "cryptosuite" => TryString(member.Value, out suite),
                "verificationMethod" => TryString(member.Value, out method),
                "proofPurpose" => TryString(member.Value, out purpose),
                "challenge" => TryString(member.Value, out challenge),
                "nonce" => TryString(member.Value, out nonce),
                "proofValue" => TryString(member.Value, out value),
                "jws" => TryString(member.Value, out jws),
                "created" => TryDate(member.Value, out created),
                "expires" => TryDate(member.Value, out expires),
                "domain" => TryStrings(member.Value, out domain),
                "previousProof" => TryStrings(member.Value, out previous),
                "@context" => Keep(member.Value, out context),
                _ => true,
            };
            if (!ok)
            {
                problem = Malformed($"The proof member '{member.Name}' has an invalid value.");
                return false;
            }
        }

        if (string.IsNullOrEmpty(type))
        {
            problem = Malformed("The proof has no 'type'.");
            return false;
        }

        if (string.IsNullOrEmpty(method))
        {
            problem = Malformed("The proof has no 'verificationMethod'.");
            return false;
        }

        if (string.IsNullOrEmpty(purpose))
        {
            problem = Malformed("The proof has no 'proofPurpose'.");
            return false;
        }

        if (type == DataIntegrityProofType && string.IsNullOrEmpty(suite))
        {
            problem = Malformed("A DataIntegrityProof has no 'cryptosuite'.");
            return false;
        }

        proof = new DataIntegrityProof(json.Clone())
        {
            Id = id,
            Type = type,
            Cryptosuite = suite,
            VerificationMethod = method,
            ProofPurpose = purpose,
            Created = created,
            Expires = expires,
            Domain = domain,
            Challenge = challenge,
            Nonce = nonce,
            PreviousProof = previous,
            ProofValue = value,
            Jws = jws,
            Context = context,
        };
        return true;
    }

    /// <summary>Reads a proof object from UTF-8 JSON (strictly parsed); throws on malformed input.</summary>
    /// <exception cref="ArgumentException">Not a valid proof object.</exception>
    public static DataIntegrityProof Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonElement element;
        try
        {
            element = Tradeproof.Json.StrictJson.ParseElement(utf8Json);
        }
        catch (Tradeproof.Json.JsonInputException e)
        {
            throw new ArgumentException("The proof is not valid JSON: " + e.Message, nameof(utf8Json), e);
        }

        return TryParse(element, out var proof, out var problem) ? proof! : throw new ArgumentException(problem!.Detail, nameof(utf8Json));
    }

    /// <summary>This proof with <c>proofValue</c> set (appended, or replacing an existing one).</summary>
    public DataIntegrityProof WithProofValue(string proofValue) => With("proofValue", proofValue);

    /// <summary>This proof with <c>jws</c> set (appended, or replacing an existing one).</summary>
    public DataIntegrityProof WithJws(string jws) => With("jws", jws);

    /// <summary>
    /// Writes the proof configuration (VC Data Integrity 1.0 §4.2/§4.4: the proof without <c>proofValue</c>,
    /// and without <c>jws</c> for the JWS suites), with <c>@context</c> replaced by <paramref name="context"/>
    /// when given (the RDFC suites set the document's <c>@context</c>).
    /// </summary>
    public void WriteConfiguration(Utf8JsonWriter writer, JsonElement? context)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var member in Json.EnumerateObject())
        {
            if (member.NameEquals("proofValue") || member.NameEquals("jws") || (context is not null && member.NameEquals("@context")))
            {
                continue;
            }

            member.WriteTo(writer);
        }

        if (context is { } c)
        {
            writer.WritePropertyName("@context");
            c.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>The proof configuration as UTF-8 JSON (see <see cref="WriteConfiguration"/>).</summary>
    public byte[] ToConfigurationUtf8(JsonElement? context)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteConfiguration(writer, context);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The proof as UTF-8 JSON.</summary>
    public byte[] ToUtf8() => System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(Json).ToArray();

    /// <inheritdoc />
    public override string ToString() => Json.GetRawText();

    /// <summary>Formats a time as an XML Schema dateTimeStamp in UTC with whole seconds (what proofs carry).</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an XML Schema dateTimeStamp (a time zone required), as VC DM 2.0 §4.9 asks.</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value) => DateTimeSyntax.TryParse(text, out value);

    private DataIntegrityProof With(string name, string value)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in Json.EnumerateObject())
            {
                if (!member.NameEquals(name))
                {
                    member.WriteTo(writer);
                }
            }

            writer.WriteString(name, value);
            writer.WriteEndObject();
        }

        var element = Tradeproof.Json.StrictJson.ParseElement(buffer.WrittenSpan);
        return TryParse(element, out var proof, out var problem) ? proof! : throw new InvalidOperationException(problem!.Detail);
    }

    private static Problem Malformed(string detail) => new(ProblemTypes.ProofVerificationError, "Malformed proof", detail);

    private static bool TryString(JsonElement value, out string? result)
    {
        result = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return result is not null;
    }

    private static bool TryDate(JsonElement value, out DateTimeOffset? result)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.String || !DateTimeSyntax.TryParse(value.GetString()!, out var parsed))
        {
            return false;
        }

        result = parsed;
        return true;
    }

    private static bool TryStrings(JsonElement value, out IReadOnlyList<string> result)
    {
        result = [];
        if (value.ValueKind == JsonValueKind.String)
        {
            result = [value.GetString()!];
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            list.Add(item.GetString()!);
        }

        result = list;
        return true;
    }

    private static bool Keep(JsonElement value, out JsonElement? result)
    {
        result = value;
        return true;
    }
}
