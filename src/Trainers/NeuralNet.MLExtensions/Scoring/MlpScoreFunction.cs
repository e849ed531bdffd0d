using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// What a trained MLP gives per row, evaluated in blocks: features [in] → the K class probabilities (multiclass),
/// [logit, σ(logit)] (binary), or [prediction in the target's units] (regression).
/// </summary>
internal sealed class MlpScoreFunction(MlpModelParameters model) : IBlockFunction
{
    public int InputSize => model.FeatureCount;
    public int OutputSize => model.Task switch { MlpTask.Multiclass => model.Classes.Count, MlpTask.Binary => 2, _ => 1 };

    public IBlockEvaluator CreateEvaluator(int threads) => model.Task switch
    {
        MlpTask.Multiclass => new ProbabilityEvaluator(new MlpInference(model.Network, model.Standardizer, numberOfThreads: threads)),
        MlpTask.Binary => new BinaryEvaluator(new MlpInference(model.Network, model.Standardizer, numberOfThreads: threads)),
        _ => new OutputEvaluator(new MlpInference(model.Network, model.Standardizer, model.TargetStandardizer, threads)),
    };

    private sealed class ProbabilityEvaluator(MlpInference inference) : IBlockEvaluator
    {
        public void Evaluate(ReadOnlySpan<float> features, int rows, Span<float> outputs) => inference.Probabilities(features, rows, outputs);
        public void Evaluate(FeatureRows features, int rows, Span<float> outputs) => inference.Probabilities(features, rows, outputs);
    }

    private sealed class OutputEvaluator(MlpInference inference) : IBlockEvaluator
    {
        public void Evaluate(ReadOnlySpan<float> features, int rows, Span<float> outputs) => inference.Outputs(features, rows, outputs);
        public void Evaluate(FeatureRows features, int rows, Span<float> outputs) => inference.Outputs(features, rows, outputs);
    }

    // Row r's logit goes to outputs[2r], its probability to outputs[2r + 1]: the logits are computed into the first
    // half, then spread from the last row back so that no logit is overwritten before it is read.
    private sealed class BinaryEvaluator(MlpInference inference) : IBlockEvaluator
    {
        public void Evaluate(ReadOnlySpan<float> features, int rows, Span<float> outputs)
        {
            inference.Outputs(features, rows, outputs[..rows]);
            Spread(rows, outputs);
        }

        public void Evaluate(FeatureRows features, int rows, Span<float> outputs)
        {
            inference.Outputs(features, rows, outputs[..rows]);
            Spread(rows, outputs);
        }

        private static void Spread(int rows, Span<float> outputs)
        {
            for (int r = rows - 1; r >= 0; r--)
            {
                float logit = outputs[r];
                outputs[2 * r] = logit;
                outputs[2 * r + 1] = MlpInference.Sigmoid(logit);
            }
        }
    }
}
