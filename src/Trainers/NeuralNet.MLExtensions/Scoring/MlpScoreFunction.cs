using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>Class probabilities of a trained MLP: features [in] → probabilities [K], evaluated in blocks.</summary>
internal sealed class MlpScoreFunction(MlpModelParameters model) : IBlockFunction
{
    public int InputSize => model.FeatureCount;
    public int OutputSize => model.Classes.Count;

    public IBlockEvaluator CreateEvaluator(int threads) => new Evaluator(new MlpInference(model.Network, model.Standardizer, threads));

    private sealed class Evaluator(MlpInference inference) : IBlockEvaluator
    {
        public void Evaluate(ReadOnlySpan<float> features, int rows, Span<float> outputs) => inference.Probabilities(features, rows, outputs);
    }
}
