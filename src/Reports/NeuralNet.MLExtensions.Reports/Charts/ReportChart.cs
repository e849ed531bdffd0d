namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>One rendered chart: a PNG with the title and caption the report shows around it.</summary>
/// <param name="Id">File-name-safe identifier, e.g. "confusion-matrix".</param>
/// <param name="Title">Heading shown above the image and used as its alt text.</param>
/// <param name="Caption">One sentence on how to read it.</param>
/// <param name="Png">The PNG bytes.</param>
internal sealed record ReportChart(string Id, string Title, string Caption, byte[] Png);
