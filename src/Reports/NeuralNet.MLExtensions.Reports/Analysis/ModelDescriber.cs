using System.Collections;
using System.Globalization;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>Describes a trained MLP: layers and parameter counts from its architecture, training from its history.</summary>
internal static class ModelDescriber
{
    public static ModelDescription Describe(MlpModelParameters model, MlpOptionsBase? options)
    {
        var a = model.Architecture;
        // The input stage (encodings or embeddings, per-input scale) first; an ensemble (TabM-mini) then scales the
        // first layer's inputs per member and has one output head per member.
        int k = a.EnsembleSize;
        var layers = new List<LayerDescription>(a.LayerCount + 2);
        if (a.Embedding is { } stage)
            layers.Add(new LayerDescription($"Input stage ({stage})", a.InputSize, a.FirstLayerInputSize,
                stage.IsPiecewiseLinear ? "bins" : stage.IsPeriodic ? "cos" : "×s", a.EmbeddingParameterCount));
        if (k > 1) layers.Add(new LayerDescription($"Ensemble scales ({k} members)", a.FirstLayerInputSize, a.FirstLayerInputSize, "×r_i", a.ScaleCount));
        for (int l = 0; l < a.LayerCount; l++)
        {
            bool output = l == a.LayerCount - 1;
            int inputs = a.LayerInputSize(l), outputs = a.LayerOutputSize(l);
            long parameters = ((long)inputs * outputs + outputs) * (output ? k : 1);
            layers.Add(new LayerDescription(output ? (k > 1 ? $"Output ({k} heads, mean probability)" : "Output") : $"Hidden {l + 1}", inputs, outputs,
                output ? OutputActivation(model.Task) : a.LayerActivation(l).ToString(), parameters));
        }
        var last = model.History.Count > 0 ? model.History[^1] : null;
        return new ModelDescription(a.InputSize, layers, a.ParameterCount, (model.Standardizer?.Kind ?? FeatureScaling.None).ToString(), model.History.Count,
            Describe(model.StopReason), last?.TrainingLoss ?? double.NaN, last?.Elapsed.TotalSeconds ?? double.NaN,
            options is null ? [] : ListOptions(options), model.GetSummary()) { DenseLayerCount = a.LayerCount };
    }

    private static string OutputActivation(MlpTask task) => task switch
    {
        MlpTask.Binary => "sigmoid",
        MlpTask.Regression => "identity",
        _ => "softmax",
    };

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.TrainingLossConverged => "training loss converged",
        StopReason.MaximumEpochsReached => "maximum number of epochs reached",
        _ => reason.ToString(),
    };

    /// <summary>Every public option by reflection, so options added to the trainer later appear without a change here.</summary>
    private static KeyValuePair<string, string>[] ListOptions(MlpOptionsBase options) =>
        options.GetType().GetProperties()
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => new KeyValuePair<string, string>(p.Name, Format(p.GetValue(options))))
            .ToArray();

    private static string Format(object? value) => value switch
    {
        null => "—",
        string s => s,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
