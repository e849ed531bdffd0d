using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>
/// An ensemble whose members disagree with huge logits (σ saturates to 0 or 1 in float32) still exports the engine's
/// mean prediction: the ONNX graph combines the members in log space as MemberMean does, never as log(p̄/(1 − p̄)) of
/// a rounded p̄, which would be ±∞ here.
/// </summary>
[TestClass]
public sealed class OnnxEnsembleExportTests
{
    [TestMethod]
    public void SaveAsOnnx_BinaryEnsembleWithSaturatedMembers_ScoreIsTheEnginesFiniteLogit()
    {
        // Four members, no hidden layer: member i's logit is w_i·(r_i·x) + b_i, rising with x to ±75..±240 at x = ±4.
        var architecture = new MlpArchitecture(1, [], [], MlpTask.Binary, 2) { EnsembleSize = 4 };
        float[] parameters = [30, -45, 20, 60, /* biases */ 0, 5, -5, 0, /* member scales */ 1, -1, 1, 1];
        Assert.AreEqual(parameters.Length, architecture.ParameterCount, "heads' weights, their biases, the members' scales");
        var model = new MlpModelParameters(new MlpNetwork(architecture, parameters), null, ClassLabels.Binary, [], StopReason.MaximumEpochsReached);
        float[] features = Enumerable.Range(-8, 17).Select(i => i * 0.5f).ToArray();
        var expected = new float[features.Length];
        new MlpInference(model.Network, null).Outputs(features, features.Length, expected);

        using var stream = new MemoryStream();
        model.SaveAsOnnx(stream);
        using var session = new InferenceSession(stream.ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", new DenseTensor<float>(features, [features.Length, 1]))]);
        float[] score = results.Single(r => r.Name == "Score.output").AsTensor<float>().ToArray();
        float[] probability = results.Single(r => r.Name == "Probability.output").AsTensor<float>().ToArray();
        bool[] label = results.Single(r => r.Name == "PredictedLabel.output").AsTensor<bool>().ToArray();

        Assert.IsTrue(expected.Max(Math.Abs) > 50, "the test needs members far into σ's saturation");
        OnnxAssert.Close(expected, score, "Score", scale: 1f);
        CollectionAssert.AreEqual(expected.Select(z => z > 0).ToArray(), label, "PredictedLabel");
        Assert.IsTrue(probability.All(p => p >= 0 && p <= 1), "Probability in [0, 1]");
    }
}
