using System.Globalization;
using System.Text;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>Formats a model as a one-screen table of its layers.</summary>
internal static class ModelSummary
{
    public static string Format(MlpModelParameters model)
    {
        var a = model.Architecture;
        var sb = new StringBuilder();
        string Row(string layer, string shape, string activation, string parameters) =>
            $"{layer,-22}{shape,-18}{activation,-12}{parameters,12}";
        string rule = new('─', 64);
        sb.AppendLine(a.Task switch
        {
            MlpTask.Regression => string.Create(CultureInfo.InvariantCulture,
                $"MLP regression: {a.InputSize} features → 1 value (target mean {model.TargetStandardizer!.Mean:G6}, scale {model.TargetStandardizer.Scale:G6})"),
            MlpTask.Binary => $"MLP binary classifier: {a.InputSize} features → 1 logit",
            _ => $"MLP classifier: {a.InputSize} features → {a.ClassCount} classes",
        });
        sb.AppendLine(rule);
        sb.AppendLine(Row("Layer", "Weights [out×in]", "Activation", "Parameters"));
        sb.AppendLine(rule);
        sb.AppendLine(Row("Input", $"[{a.InputSize}]", ScalingName(model.Standardizer), "0"));
        if (a.Embedding is { IsPeriodic: true } e)
            sb.AppendLine(Row("Periodic embedding", $"[{a.FirstLayerInputSize}] ({e.EmbeddedFeatures.Count} embedded)", $"{e.Frequencies} cos → {e.EmbeddingWidth}",
                Count(e.ParameterCount(a.InputSize) - (e.FeatureScale ? a.FirstLayerInputSize : 0))));
        if (a.Embedding?.PiecewiseLinear is { } bins)
            sb.AppendLine(Row("Piecewise-linear encoding", $"[{a.FirstLayerInputSize}] ({bins.Features.Count} encoded)", $"{bins.ColumnCount} bins", "0"));
        if (a.Embedding is { FeatureScale: true })
            sb.AppendLine(Row("Feature scale", $"[{a.FirstLayerInputSize}]", "×s", Count(a.FirstLayerInputSize)));
        int k = a.EnsembleSize;
        if (k > 1) sb.AppendLine(Row($"Ensemble ({k} members)", $"[{k}×{a.InputSize}]", "×r_i", Count(a.ScaleCount)));
        for (int l = 0; l < a.LayerCount; l++)
        {
            int input = a.LayerInputSize(l), output = a.LayerOutputSize(l);
            bool last = l == a.LayerCount - 1;
            string name = !last ? $"Hidden {l + 1} (dense)" : k > 1 ? $"Output ({k} heads)" : "Output (dense)";
            string activation = !last ? a.LayerActivation(l).ToString() : a.Task switch { MlpTask.Multiclass => "softmax", MlpTask.Binary => "sigmoid", _ => "identity" };
            string shape = last && k > 1 ? $"{k}×[{output}×{input}]" : $"[{output}×{input}]";
            sb.AppendLine(Row(name, shape, activation, Count(((long)output * input + output) * (last ? k : 1))));
        }
        sb.AppendLine(rule);
        sb.AppendLine($"Total parameters: {Count(a.ParameterCount)} ({Count(a.WeightCount)} weights, {Count(a.BiasCount)} biases" +
            (k > 1 ? $", {Count(a.ScaleCount)} member scales" : "") + (a.EmbeddingParameterCount > 0 ? $", {Count(a.EmbeddingParameterCount)} input stage)" : ")"));
        if (k > 1) sb.AppendLine($"Ensemble: {k} members share the hidden layers; the prediction is their mean {(a.Task == MlpTask.Regression ? "output" : "probability")}");
        if (a.Task != MlpTask.Regression) sb.AppendLine($"Classes: {string.Join(", ", model.Classes.Names.Take(12))}{(model.Classes.Count > 12 ? $", … ({model.Classes.Count})" : "")}");
        if (model.History.Count > 0)
        {
            var last = model.History[^1];
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained {model.History.Count} epochs ({Describe(model.StopReason)}); final training loss {last.TrainingLoss:G4}; {last.Elapsed.TotalSeconds:F1} s"));
        }
        return sb.ToString();
    }

    public static string Describe(StopReason reason) => reason switch
    {
        StopReason.TrainingLossConverged => "training loss converged",
        StopReason.MaximumEpochsReached => "maximum number of epochs reached",
        _ => reason.ToString(),
    };

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>What the Input row says about the feature scaling.</summary>
    internal static string ScalingName(FeatureStandardizer? scaling) => scaling?.Kind switch
    {
        null => "—",
        FeatureScaling.Robust => "robust+clip",
        _ => "standardise",
    };
}
