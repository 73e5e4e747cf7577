return await ApiBuilder.Cli.CliApp.RunAsync(args, new ApiBuilder.Cli.Output.SystemConsole());
