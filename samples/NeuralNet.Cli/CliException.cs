namespace NeuralNet.Cli;

/// <summary>A problem with the user's input: printed as one line on standard error, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message)
{
    public const int ExitCode = 2;
}
