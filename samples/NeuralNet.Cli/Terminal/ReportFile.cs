using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Terminal;

/// <summary>Writes the report in the format its file name asks for: .md Markdown (PNGs beside it), .json numbers, else HTML.</summary>
internal static class ReportFile
{
    public static void Write(EvaluationReport report, string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder)) throw new CliException($"Cannot write {path}: folder {folder} does not exist.");
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".md": report.WriteMarkdown(path); break;
            case ".json": report.WriteJson(path); break;
            default: report.WriteHtml(path); break;
        }
    }
}
