return await AttrHpo.Tool.ToolCommands.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
