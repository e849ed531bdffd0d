using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Scoring;

namespace NeuralNet.MLExtensions.Transforms;

/// <summary>Activations of one hidden layer of a trained MLP: features [in] → activations [width], evaluated in blocks.</summary>
internal sealed class HiddenLayerFunction(MlpModelParameters model, int layerIndex) : IBlockFunction
{
    public int InputSize => model.FeatureCount;
    public int OutputSize => model.Architecture.HiddenLayerSizes[layerIndex];

    public IBlockEvaluator CreateEvaluator(int threads) => new Evaluator(new MlpInference(model.Network, model.Standardizer, numberOfThreads: threads), layerIndex);

    private sealed class Evaluator(MlpInference inference, int layer) : IBlockEvaluator
    {
        public void Evaluate(ReadOnlySpan<float> features, int rows, Span<float> outputs) => inference.HiddenActivations(features, rows, layer, outputs);
        public void Evaluate(FeatureRows features, int rows, Span<float> outputs) => inference.HiddenActivations(features, rows, layer, outputs);
    }
}
