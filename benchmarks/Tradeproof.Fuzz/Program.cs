using System.Globalization;
using Tradeproof.Fuzz.Engine;
using Tradeproof.Fuzz.Targets;

namespace Tradeproof.Fuzz;

/// <summary>
/// The long-run mutation fuzzer (benchmarks/fuzz/run.sh): every target (or the named ones) for a number of cases or
/// minutes each, printing cases/s, the share of documented errors, the largest allocation of one case and every
/// finding; findings are written to --out as replayable inputs. Exit code 1 when anything was found.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: Tradeproof.Fuzz [--target NAME]... [--seed N] [--cases N | --minutes M] [--first N] [--out DIR] [--list]
          --cases N     cases per target (default 100000)
          --minutes M   wall-clock minutes per target instead of a case count
          --first N     index of the first case (replay: --first I --cases 1 with the finding's seed)
          --out DIR     where findings are written (default: none)
          --dump        print each case's input (hex and text) before running it
        """;

    private static int Main(string[] args)
    {
        var targets = new List<string>();
        ulong seed = 1;
        long cases = 100_000;
        long first = 0;
        TimeSpan? duration = null;
        string? output = null;
        var dump = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(Usage);
            switch (args[i])
            {
                case "--target": targets.Add(Next()); break;
                case "--seed": seed = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--cases": cases = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--first": first = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--minutes":
                    duration = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture));
                    cases = long.MaxValue / 2;
                    break;
                case "--out": output = Next(); break;
                case "--dump": dump = true; break;
                case "--list":
                    Console.WriteLine(string.Join(Environment.NewLine, ParserTargets.Names));
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (targets.Count == 0)
        {
            targets.AddRange(ParserTargets.Names);
        }

        Console.WriteLine($"seed {seed}, {(duration is { } d ? $"{d.TotalMinutes:0.##} min" : $"{cases:N0} cases")} per target, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"{"target",-20} {"cases",12} {"cases/s",10} {"typed err",9} {"max alloc",12} {"(case)",10} findings");
        long totalCases = 0, totalFindings = 0;
        foreach (var name in targets)
        {
            var target = ParserTargets.Get(name);
            if (dump)
            {
                for (var i = first; i < first + Math.Min(cases, 100); i++)
                {
                    var input = FuzzRunner.InputOf(target, seed, i);
                    Console.WriteLine($"case {i}: {Convert.ToHexString(input)}");
                    Console.WriteLine("  " + System.Text.Encoding.UTF8.GetString(input).Replace("\n", "\\n", StringComparison.Ordinal));
                }
            }

            var result = FuzzRunner.Run(target, seed, first, cases, duration, maxFindings: 20);
            totalCases += result.Cases;
            totalFindings += result.Findings.Count;
            var errorShare = result.Cases == 0 ? 0 : 100.0 * result.DocumentedErrors / result.Cases;
            Console.WriteLine($"{name,-20} {result.Cases,12:N0} {result.CasesPerSecond,10:N0} {errorShare,8:0.0}% {result.MaxAllocatedBytes,12:N0} {result.MaxAllocatedCase,10} {result.Findings.Count}");
            foreach (var finding in result.Findings)
            {
                Console.WriteLine("  " + finding.ToString().Split('\n')[0]);
                Console.WriteLine("    " + string.Join("\n    ", finding.Message.Split('\n').Take(6)));
                if (output is not null)
                {
                    Directory.CreateDirectory(output);
                    File.WriteAllBytes(Path.Combine(output, $"{finding.Target}-{finding.RunSeed}-{finding.CaseIndex}.bin"), finding.Input);
                }
            }
        }

        Console.WriteLine($"total {totalCases:N0} cases, {totalFindings} findings");
        return totalFindings == 0 ? 0 : 1;
    }
}
