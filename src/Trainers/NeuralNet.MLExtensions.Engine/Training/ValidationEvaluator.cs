using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Losses;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Measures the network on the validation rows after an epoch, without dropout: the task's example-weighted mean loss
/// (cross-entropy without label smoothing or class weights, logistic loss, or the regression loss on the
/// standardised target), and the example-weighted fraction classified correctly (classification) or the RMSE in the
/// target's own units (regression).
/// </summary>
internal sealed class ValidationEvaluator
{
    private const int BatchRows = 256;
    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly float[]? _weights, _targets;
    private readonly double _targetScale;
    private readonly ForwardWorkspace _workspace = new();
    private readonly float[] _outputs;
    private readonly ILoss _loss;
    private readonly int _featureCount;

    /// <summary>Standardises a copy of the validation features (and regression targets) with the training statistics.</summary>
    public ValidationEvaluator(ValidationSet data, MlpArchitecture architecture, MlpTrainingSettings settings, FeatureStandardizer? standardizer,
        TargetStandardizer? target)
    {
        _featureCount = architecture.InputSize;
        _features = (float[])data.Features.Clone();
        standardizer?.Apply(_features, data.Rows);
        _labels = data.Labels;
        _weights = data.Weights;
        if (architecture.Task == MlpTask.Regression)
        {
            _targets = (float[])data.Targets!.Clone();
            target!.Apply(_targets);
            _targetScale = target.Scale;
        }
        int batch = Math.Min(BatchRows, data.Rows);
        _outputs = new float[batch * architecture.OutputSize];
        _loss = TaskLoss.Create(architecture, settings, batch, forValidation: true);
    }

    public int Rows => _labels.Length;

    public ValidationMetrics Evaluate(MlpNetwork network, ComputeContext context)
    {
        int width = network.Architecture.OutputSize;
        double loss = 0, correct = 0, squares = 0, total = 0;
        for (int start = 0; start < Rows; start += BatchRows)
        {
            int batch = Math.Min(BatchRows, Rows - start);
            network.Forward(context, _features.AsSpan(start * _featureCount, batch * _featureCount), batch, _workspace, _outputs, softmax: false);
            ReadOnlySpan<float> weights = _weights is null ? default : _weights.AsSpan(start, batch);
            ReadOnlySpan<int> labels = _labels.AsSpan(start, batch);
            ReadOnlySpan<float> targets = _targets is null ? default : _targets.AsSpan(start, batch);
            loss += _loss.Forward(_outputs, batch, labels, targets, weights);
            for (int r = 0; r < batch; r++)
            {
                float w = weights.IsEmpty ? 1f : weights[r];
                total += w;
                if (_targets is not null)
                {
                    double e = _outputs[r] - targets[r];
                    squares += w * e * e;
                }
                else if (Predicted(_outputs.AsSpan(r * width, width)) == labels[r]) correct += w;
            }
        }
        if (!(total > 0)) return new ValidationMetrics(double.NaN, _targets is null ? double.NaN : null, _targets is null ? null : double.NaN);
        return _targets is null
            ? new ValidationMetrics(loss / total, correct / total, null)
            : new ValidationMetrics(loss / total, null, _targetScale * Math.Sqrt(squares / total));
    }

    // The predicted class: the largest logit (the largest probability), or logit > 0 for a single binary logit.
    private static int Predicted(ReadOnlySpan<float> logits)
    {
        if (logits.Length == 1) return logits[0] > 0f ? 1 : 0;
        int best = 0;
        for (int c = 1; c < logits.Length; c++) if (logits[c] > logits[best]) best = c;
        return best;
    }
}
