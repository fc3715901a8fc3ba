using System.Text;

namespace Tradeproof.Json.Tests;

/// <summary>
/// Seeded fuzzing of the JSON intake (security.md "Fuzzing of every parser"): random bytes and mutated JSON never
/// escape as anything but a <see cref="JsonInputException"/>, and whatever is accepted canonicalizes idempotently.
/// </summary>
public sealed class JsonFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_and_mutated_inputs_fail_only_with_json_input_exceptions(int seed)
    {
        var random = new Random(seed);
        var credential = File.ReadAllBytes(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "..", "shared", "design", "fixtures", "mill-test-report.json"));
        var accepted = 0;
        for (var i = 0; i < 5_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 64)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])credential.Clone();
                for (var m = random.Next(1, 6); m > 0; m--)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }
            }

            try
            {
                var canonical = Jcs.Canonicalize(input);
                Assert.Equal(canonical, Jcs.Canonicalize(canonical));
                StrictJson.Validate(input);
                accepted++;
            }
            catch (JsonInputException e)
            {
                Assert.True(e.BytePosition >= -1 && e.BytePosition <= input.Length, Encoding.UTF8.GetString(input));
            }
        }

        Assert.True(accepted > 0);
    }
}
