using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Streaming;

namespace NeuralNet.MLExtensions.Tests.Streaming;

/// <summary>A streamed engine run as Fit makes one: the first pass, then training.</summary>
internal static class StreamedRun
{
    public static MlpTrainingResult Train(IRowBlockSource source, int classCount, MlpTrainingSettings settings, Action<long>? rowTrained = null)
    {
        var summary = SummaryPass.Run(source, settings, classCount);
        return StreamingTraining.Train(source, summary, classCount, settings, rowTrained: rowTrained);
    }

    public static ArrayBlockSource Source(TabularData data) => new(data.Features, data.FeatureCount, data.Labels);
}
