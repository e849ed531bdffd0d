using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>ScottPlot's Blues colormap turned round: white for 0, deep blue for 1, so empty cells read as empty.</summary>
internal sealed class WhiteToBlue : IColormap
{
    private readonly IColormap _blues = new ScottPlot.Colormaps.Blues();

    public string Name => "White to blue";

    public Color GetColor(double position) => _blues.GetColor(1 - position);
}
