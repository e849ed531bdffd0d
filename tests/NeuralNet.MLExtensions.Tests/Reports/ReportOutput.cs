using System.Text.Json;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.MLExtensions.Tests.Reports;

/// <summary>Writes a report in each format to a temporary folder and reads the files back.</summary>
internal static class ReportOutput
{
    /// <summary>
    /// Markdown, its images and the JSON document, written with the report's Write methods. When the environment variable
    /// REPORT_OUTPUT_DIR is set, the HTML is kept there too, to look at.
    /// </summary>
    public static (string Markdown, string[] Images, JsonDocument Json) WriteAll(EvaluationReport report, string name)
    {
        string folder = Directory.CreateTempSubdirectory("report-" + name).FullName;
        try
        {
            report.WriteMarkdown(Path.Combine(folder, "report.md"));
            report.WriteJson(Path.Combine(folder, "report.json"));
            report.WriteHtml(Path.Combine(folder, "report.html"));
            var images = Directory.GetFiles(Path.Combine(folder, "report_images"), "*.png");
            foreach (var png in images) PngImages.Decode(File.ReadAllBytes(png));
            Keep(name + ".html", File.ReadAllText(Path.Combine(folder, "report.html")));
            return (File.ReadAllText(Path.Combine(folder, "report.md")), images.Select(p => Path.GetFileName(p)).ToArray(),
                JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    public static void Keep(string fileName, string html)
    {
        if (Environment.GetEnvironmentVariable("REPORT_OUTPUT_DIR") is { Length: > 0 } dir) File.WriteAllText(Path.Combine(dir, fileName), html);
    }
}
