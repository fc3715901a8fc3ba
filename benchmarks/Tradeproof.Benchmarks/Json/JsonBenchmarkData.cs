using System.Globalization;

namespace Tradeproof.Benchmarks.Json;

/// <summary>Inputs of the JSON benchmarks: the mill test report credential and synthetic documents of a given size.</summary>
internal static class JsonBenchmarkData
{
    /// <summary>The 3 KB VC 2.0 credential of the design fixtures (shared/design/fixtures/mill-test-report.json).</summary>
    public static byte[] MillTestReport() => File.ReadAllBytes(FindFixture("mill-test-report.json"));

    /// <summary>
    /// A credential-shaped JSON document of about <paramref name="bytes"/> bytes: pretty-printed, members in no
    /// particular order, nested objects and arrays, strings (some non-ASCII, some escaped), integers and decimals.
    /// Deterministic (seeded).
    /// </summary>
    public static byte[] Synthetic(int bytes)
    {
        var random = new Random(bytes);
        var builder = new System.Text.StringBuilder(bytes + 1024);
        builder.Append("{\n  \"@context\": [\"https://www.w3.org/ns/credentials/v2\"],\n  \"type\": [\"VerifiableCredential\", \"MillTestReport\"],\n  \"items\": [");
        var index = 0;
        while (builder.Length < bytes - 200)
        {
            if (index > 0)
            {
                builder.Append(',');
            }

            AppendItem(builder, random, index++);
        }

        builder.Append("\n  ]\n}\n");
        return System.Text.Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void AppendItem(System.Text.StringBuilder builder, Random random, int index)
    {
        var i = index.ToString(CultureInfo.InvariantCulture);
        builder.Append("\n    {\n      \"weightKg\": ").Append((random.Next(1, 100000) / 100.0).ToString(CultureInfo.InvariantCulture))
            .Append(",\n      \"id\": \"urn:uuid:").Append(Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(index)).ToString()).Append('"')
            .Append(",\n      \"heatNumber\": \"H").Append(random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture)).Append('"')
            .Append(",\n      \"description\": \"Acier inoxydable n°").Append(i).Append(", tôle laminée à froid \\u2014 EN 10204 3.1\"")
            .Append(",\n      \"chemistry\": { \"C\": 0.0").Append(random.Next(10, 99).ToString(CultureInfo.InvariantCulture))
            .Append(", \"Mn\": 1.").Append(random.Next(10, 99).ToString(CultureInfo.InvariantCulture))
            .Append(", \"Cr\": 18.").Append(random.Next(0, 9).ToString(CultureInfo.InvariantCulture))
            .Append(", \"Ni\": 8.").Append(random.Next(0, 9).ToString(CultureInfo.InvariantCulture)).Append(" }")
            .Append(",\n      \"tests\": [ { \"name\": \"tensile\", \"valueMPa\": ").Append(random.Next(400, 800).ToString(CultureInfo.InvariantCulture))
            .Append(", \"passed\": true }, { \"name\": \"hardness\", \"valueHB\": ").Append(random.Next(100, 300).ToString(CultureInfo.InvariantCulture))
            .Append(", \"passed\": ").Append(random.Next(10) > 0 ? "true" : "false").Append(", \"note\": null } ]")
            .Append(",\n      \"accepted\": true\n    }");
    }

    private static string FindFixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "design", "fixtures", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("shared/design/fixtures/" + name + " not found above " + AppContext.BaseDirectory);
    }
}
