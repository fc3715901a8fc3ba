using Tradeproof.Cli.Commands;
using Tradeproof.Node;

namespace Tradeproof.Cli.Tests;

/// <summary>
/// Behaviour: when <c>serve</c> re-executes itself with the node's GC budget (<see cref="ServeGcBudget.Decide"/>), what
/// <c>doctor</c> and serve's start-up line say about it, and a demo node's environment. A real re-executed process:
/// Tradeproof.Node.Tests, ServeGcBudgetProcessTests.
/// </summary>
public sealed class ServeGcBudgetTests
{
    private const string CommandLine = "dotnet\0/opt/tradeproof/tradeproof.dll\0serve\0--urls\0http://127.0.0.1:0\0--public-url\0\0";

    private static readonly Dictionary<string, string> Plain = new() { ["PATH"] = "/usr/bin:/bin", ["TRADEPROOF__NODE__X"] = "a=b" };

    [Fact]
    public void On_linux_without_a_budget_it_re_executes_itself_with_the_same_arguments_and_the_budget_added()
    {
        var exec = ServeGcBudget.Decide(isLinux: true, Plain, CommandLine);
        Assert.NotNull(exec);
        Assert.Equal("/proc/self/exe", exec.Path);
        // Every argument exactly, the empty last one included; only the trailing NUL ends the list.
        Assert.Equal(["dotnet", "/opt/tradeproof/tradeproof.dll", "serve", "--urls", "http://127.0.0.1:0", "--public-url", ""], exec.Arguments);
        Assert.Equal(["PATH=/usr/bin:/bin", "TRADEPROOF__NODE__X=a=b", "DOTNET_GCgen0size=0x4000000"], exec.Environment);
    }

    [Theory]
    [InlineData("DOTNET_GCgen0size", "0x2000000")]
    [InlineData("DOTNET_GCgen0size", "0")]
    [InlineData("DOTNET_GCgen0size", "")]
    [InlineData("COMPlus_GCgen0size", "0x8000000")]
    public void An_operator_set_budget_is_kept(string name, string value)
    {
        var environment = new Dictionary<string, string>(Plain) { [name] = value };
        Assert.Null(ServeGcBudget.Decide(isLinux: true, environment, CommandLine));
    }

    [Fact]
    public void Other_operating_systems_continue_as_before() =>
        Assert.Null(ServeGcBudget.Decide(isLinux: false, Plain, CommandLine));

    [Theory]
    [InlineData("")]
    [InlineData("dotnet\0tradeproof.dll\0serve")]
    public void An_unreadable_command_line_is_not_guessed(string commandLine) =>
        Assert.Null(ServeGcBudget.Decide(isLinux: true, Plain, commandLine));

    [Fact]
    public void Serve_run_in_process_never_re_executes_the_test_host() =>
        Assert.False(new CliConsole(Stream.Null, TextWriter.Null, TextWriter.Null).OwnsProcess);

    [Fact]
    public void Doctor_says_serve_restarts_with_the_budget_on_linux_and_keeps_an_operator_choice()
    {
        var restart = DoctorCommand.Gc(isLinux: true, serverGc: false, _ => null);
        Assert.Equal(DoctorCommand.Status.Ok, restart.Status);
        Assert.StartsWith("serve restarts itself with workstation GC, gen0 budget 64 MiB (DOTNET_GCgen0size=0x4000000)", restart.Detail, StringComparison.Ordinal);

        var chosen = DoctorCommand.Gc(isLinux: true, serverGc: false, n => n == NodeGcBudget.Variable ? "0x2000000" : null);
        Assert.Equal(DoctorCommand.Status.Ok, chosen.Status);
        Assert.Equal("the operator's choice, kept by serve: workstation GC, gen0 budget 32 MiB (DOTNET_GCgen0size=0x2000000)", chosen.Detail);

        var elsewhere = DoctorCommand.Gc(isLinux: false, serverGc: true, _ => null);
        Assert.Equal(DoctorCommand.Status.Ok, elsewhere.Status);
        Assert.StartsWith("server GC, the runtime's default gen0 budget (DOTNET_GCgen0size not set): not Linux", elsewhere.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_warns_about_a_budget_the_runtime_does_not_read_as_hexadecimal()
    {
        var check = DoctorCommand.Gc(isLinux: true, serverGc: false, n => n == NodeGcBudget.LegacyVariable ? "64MB" : null);
        Assert.Equal(DoctorCommand.Status.Warn, check.Status);
        Assert.StartsWith("workstation GC, gen0 budget COMPlus_GCgen0size=64MB (not hexadecimal): ", check.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "workstation GC, the runtime's default gen0 budget (DOTNET_GCgen0size not set)")]
    [InlineData("0x4000000", null, "workstation GC, gen0 budget 64 MiB (DOTNET_GCgen0size=0x4000000)")]
    [InlineData("4000000", null, "workstation GC, gen0 budget 64 MiB (DOTNET_GCgen0size=4000000)")]
    [InlineData("0", null, "workstation GC, the runtime's default gen0 budget (DOTNET_GCgen0size=0)")]
    [InlineData("0x1000", null, "workstation GC, gen0 budget 4096 bytes (DOTNET_GCgen0size=0x1000)")]
    [InlineData(null, "0x8000000", "workstation GC, gen0 budget 128 MiB (COMPlus_GCgen0size=0x8000000)")]
    [InlineData("0x2000000", "0x8000000", "workstation GC, gen0 budget 32 MiB (DOTNET_GCgen0size=0x2000000)")]
    public void The_start_up_line_names_the_budget_as_the_runtime_reads_it(string? dotnet, string? complus, string expected) =>
        Assert.Equal(expected, NodeGcBudget.Describe(serverGc: false, n => n == NodeGcBudget.Variable ? dotnet : n == NodeGcBudget.LegacyVariable ? complus : null));

    [Fact]
    public void A_child_node_gets_the_budget_unless_the_operator_chose_one()
    {
        var child = new Dictionary<string, string?> { ["PATH"] = "/bin" };
        NodeGcBudget.AddDefault(child);
        Assert.Equal("0x4000000", child["DOTNET_GCgen0size"]);

        var chosen = new Dictionary<string, string?> { ["COMPlus_GCgen0size"] = "0" };
        NodeGcBudget.AddDefault(chosen);
        Assert.False(chosen.ContainsKey("DOTNET_GCgen0size"));
    }
}
