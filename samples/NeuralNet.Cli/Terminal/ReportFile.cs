using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Terminal;

/// <summary>Writes the report in the format its file name asks for: .md Markdown (PNGs beside it), .json numbers, else HTML.</summary>
internal static class ReportFile
{
    public static void Write(EvaluationReport report, string path)
    {
        try
        {
            switch (Path.GetExtension(path).ToLowerInvariant())
            {
                case ".md": report.WriteMarkdown(path); break;
                case ".json": report.WriteJson(path); break;
                default: report.WriteHtml(path); break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e.Message);
        }
    }
}
