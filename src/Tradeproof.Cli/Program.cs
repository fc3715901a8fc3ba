// The `tradeproof` command: the user's door to every capability. Each verb lives in Commands/.
return await Tradeproof.Cli.TradeproofCli.RunAsync(args, Tradeproof.Cli.CliConsole.System).ConfigureAwait(false);
