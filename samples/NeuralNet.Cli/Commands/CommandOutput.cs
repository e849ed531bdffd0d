namespace NeuralNet.Cli.Commands;

/// <summary>
/// Where a command writes: results to <see cref="Output"/> (standard output); messages and progress to
/// <see cref="Messages"/>, which is standard error under <c>--json</c> so standard output holds the JSON alone.
/// </summary>
internal sealed record CommandOutput(TextWriter Output, TextWriter Error, bool Json, bool Interactive)
{
    public TextWriter Messages => Json ? Error : Output;
}
