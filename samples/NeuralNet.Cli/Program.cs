// Ctrl-C (or SIGTERM) while a file is being written must not leave the hidden temporary file behind.
NeuralNet.MLExtensions.Files.TemporaryFiles.DeleteOnInterrupt();
return NeuralNet.Cli.CliApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected && !Console.IsErrorRedirected);
