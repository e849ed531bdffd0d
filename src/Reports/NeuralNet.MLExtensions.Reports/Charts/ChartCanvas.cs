using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>Shared look of every chart and the PNG rendering.</summary>
internal static class ChartCanvas
{
    public const int Width = 640;
    public const int Height = 400;

    /// <summary>DejaVu Sans or Liberation Sans where installed (ScottPlot's own pick can be a serif face on Linux).</summary>
    private static readonly string SansFont = new[] { "DejaVu Sans", "Liberation Sans", "Arial" }
        .FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is { } face && face.FamilyName == f) ?? Fonts.Sans;

    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFont);
        plot.Title(title, size: 16);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        return plot;
    }

    public static byte[] Png(Plot plot, int width = Width, int height = Height) =>
        plot.GetImageBytes(width, height, ImageFormat.Png);
}
