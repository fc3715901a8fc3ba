using System.Text;

namespace Tradeproof.Dids.Tests.Methods;

/// <summary>
/// Mutated and random DIDs and DID URLs: resolution and dereferencing always return a result with
/// an error code (or a document), never an exception, and never reach the network for did:web.
/// </summary>
public class ResolutionRobustnessTests
{
    private static readonly string[] Seeds =
    [
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv",
        "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",
        "did:key:z82LkvCwHNreneWpsgPEbV3gu1C6NFJEBg4srfJ5gdxEsMGRJUz2sG9FE42shbn2xkZJh54",
        "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImlnckZtaTB3aHVpaEtuajlSM09tMVNvTXBoNzJ3VUdlRmFCYnpHMnZ6bnMiLCJ5IjoiZWZzWDViMTB4OHlqeXJqNG55M3BHZkxjWTdYYnkxS3pncU9kcW5zckpJTSJ9",
        "did:web:example.com%3A8443:org:customs#key-1",
    ];

    private const string Alphabet = "abcxyzABCXYZ0123456789:%#?/.-_~=&@!$'()*+,;[] \u00e4\u0000\uffff\ud800";

    [Fact]
    public async Task Mutated_dids_always_give_a_result()
    {
        using var web = new DidWebResolver(new DidWebOptions
        {
            // A lookup means a request would follow: refuse every name, so nothing leaves the process.
            HostResolver = (_, _) => Task.FromResult(Array.Empty<System.Net.IPAddress>()),
        });
        var resolver = new DidResolver([new DidKeyResolver(), new DidJwkResolver(), web]);
        var random = new Random(3986);
        var outcomes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 1500; i++)
        {
            var text = Mutate(Seeds[random.Next(Seeds.Length)], random);
            var result = await resolver.ResolveAsync(text);
            Assert.True(result.IsSuccess || result.Error is not null, text);
            Assert.Equal(result.IsSuccess, result.DidDocument is not null);
            outcomes.Add(result.Error ?? "ok");
            var dereferenced = await resolver.DereferenceAsync(text);
            Assert.True(dereferenced.IsSuccess || dereferenced.Error is not null, text);
            _ = result.ToJson();
        }

        // The mutations reach many branches, not one early refusal.
        Assert.Contains("ok", outcomes);
        Assert.Contains(DidErrorCodes.InvalidDid, outcomes);
        Assert.Contains(DidErrorCodes.InternalError, outcomes); // a host without an address: unreachable, could not check
        Assert.True(outcomes.Count >= 4, string.Join(", ", outcomes));
    }

    private static string Mutate(string seed, Random random)
    {
        var builder = new StringBuilder(seed);
        var edits = random.Next(0, 4);
        for (var e = 0; e < edits && builder.Length > 0; e++)
        {
            var position = random.Next(builder.Length);
            switch (random.Next(4))
            {
                case 0:
                    builder[position] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 1:
                    builder.Insert(position, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 2:
                    builder.Remove(position, 1);
                    break;
                default:
                    builder.Length = position;
                    break;
            }
        }

        return builder.ToString();
    }
}
