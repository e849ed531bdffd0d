using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Losses;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Measures the network on the validation rows after an epoch, without dropout: the example-weighted mean
/// cross-entropy (without label smoothing or class weights) and the example-weighted fraction classified correctly.
/// </summary>
internal sealed class ValidationEvaluator
{
    private const int BatchRows = 256;
    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly float[]? _weights;
    private readonly ForwardWorkspace _workspace = new();
    private readonly float[] _logits, _probabilities;
    private readonly int _featureCount;

    /// <summary>Standardises a copy of the validation features with the training statistics.</summary>
    public ValidationEvaluator(ValidationSet data, int featureCount, int classCount, FeatureStandardizer? standardizer)
    {
        _featureCount = featureCount;
        _features = (float[])data.Features.Clone();
        standardizer?.Apply(_features, data.Rows);
        _labels = data.Labels;
        _weights = data.Weights;
        int batch = Math.Min(BatchRows, data.Rows);
        _logits = new float[batch * classCount];
        _probabilities = new float[batch * classCount];
    }

    public int Rows => _labels.Length;

    public (double Loss, double Accuracy) Evaluate(MlpNetwork network, ComputeContext context)
    {
        int k = network.Architecture.ClassCount;
        double loss = 0, correct = 0, total = 0;
        for (int start = 0; start < Rows; start += BatchRows)
        {
            int batch = Math.Min(BatchRows, Rows - start);
            network.Forward(context, _features.AsSpan(start * _featureCount, batch * _featureCount), batch, _workspace, _logits, softmax: false);
            ReadOnlySpan<float> weights = _weights is null ? default : _weights.AsSpan(start, batch);
            ReadOnlySpan<int> labels = _labels.AsSpan(start, batch);
            loss += SoftmaxCrossEntropy.Forward(_logits, batch, k, labels, weights, _probabilities);
            for (int r = 0; r < batch; r++)
            {
                ReadOnlySpan<float> p = _probabilities.AsSpan(r * k, k);
                int best = 0;
                for (int c = 1; c < k; c++) if (p[c] > p[best]) best = c;
                float w = weights.IsEmpty ? 1f : weights[r];
                total += w;
                if (best == labels[r]) correct += w;
            }
        }
        return total > 0 ? (loss / total, correct / total) : (double.NaN, double.NaN);
    }
}
