using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML;
using Spectre.Console;

namespace NeuralNet.Cli.Terminal;

/// <summary>
/// Shows training progress from the trainer's per-epoch log lines on <c>MLContext.Log</c> ("Mlp: epoch N/M: training
/// loss ..."): a Spectre.Console progress bar with epochs, loss and time left on a terminal, plain lines otherwise.
/// </summary>
internal static partial class TrainingProgress
{
    [GeneratedRegex(@"Mlp: epoch (\d+)/(\d+): training loss ([-+0-9.eE]+|NaN|∞)")]
    private static partial Regex EpochLine();

    public static T Run<T>(MLContext ml, TextWriter messages, bool interactive, int maximumEpochs, Func<T> train) =>
        interactive ? WithBar(ml, messages, maximumEpochs, train) : WithLines(ml, messages, train);

    private static T WithLines<T>(MLContext ml, TextWriter messages, Func<T> train)
    {
        var clock = Stopwatch.StartNew();
        var lastPrint = TimeSpan.MinValue;
        void OnLog(object? sender, LoggingEventArgs e)
        {
            if (Parse(e.Message) is not var (epoch, total, loss)) return;
            // Every epoch when they are slow, otherwise about one line a second, and always the first and last.
            if (epoch != 1 && epoch != total && clock.Elapsed - lastPrint < TimeSpan.FromSeconds(1)) return;
            lastPrint = clock.Elapsed;
            messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}/{total}  loss {loss:F4}  {clock.Elapsed.TotalSeconds:F1} s, ~{Remaining(clock.Elapsed, epoch, total).TotalSeconds:F0} s left at most"));
        }
        ml.Log += OnLog;
        try { return train(); }
        finally { ml.Log -= OnLog; }
    }

    private static T WithBar<T>(MLContext ml, TextWriter messages, int maximumEpochs, Func<T> train)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(messages) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: maximumEpochs);
                void OnLog(object? sender, LoggingEventArgs e)
                {
                    if (Parse(e.Message) is not var (epoch, total, loss)) return;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{total}  loss {loss:F4}");
                    task.Value = epoch;
                }
                ml.Log += OnLog;
                try
                {
                    var result = train();
                    task.Value = task.MaxValue;   // training may stop early on convergence
                    return result;
                }
                finally { ml.Log -= OnLog; }
            });
    }

    private static (int Epoch, int Total, double Loss)? Parse(string message)
    {
        var match = EpochLine().Match(message);
        if (!match.Success) return null;
        double.TryParse(match.Groups[3].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double loss);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), loss);
    }

    private static TimeSpan Remaining(TimeSpan elapsed, int epoch, int total) => elapsed / epoch * (total - epoch);
}
