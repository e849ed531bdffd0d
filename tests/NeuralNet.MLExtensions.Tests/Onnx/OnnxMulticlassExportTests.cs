using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Tests.Trainers;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>
/// mlContext.Model.ConvertToOnnx on MapValueToKey + the multiclass MLP: ONNX Runtime and ApplyOnnxModel give ML.NET's
/// Score (within 1e-5 relative) and PredictedLabel (equal) on the test sets, for every activation and shape.
/// </summary>
[TestClass]
public sealed class OnnxMulticlassExportTests
{
    private static MlpTrainer.Options Options(int[] hidden, params Activation[] activations) => new()
    {
        HiddenLayerSizes = hidden,
        Activation = activations,
        MaximumNumberOfEpochs = 15,
        Seed = 1,
    };

    private static void Check(string name, MlpTrainer.Options options)
    {
        var ml = new MLContext(seed: 0);
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(options)).Fit(MlNetData.Load(ml, $"{name}_train.csv"));
        var test = MlNetData.Load(ml, $"{name}_test.csv");
        var scored = model.Transform(test);
        byte[] onnx = OnnxRunner.Export(ml, model, test);
        OnnxAssert.SameAsMlNet(onnx, test, scored, "Score", "PredictedLabel");
        OnnxAssert.SameThroughApplyOnnxModel(ml, onnx, test, scored, "Score", "PredictedLabel");
    }

    [TestMethod]
    [DataRow(Activation.Relu)]
    [DataRow(Activation.LeakyRelu)]
    [DataRow(Activation.Tanh)]
    [DataRow(Activation.Sigmoid)]
    [DataRow(Activation.Gelu)]
    [DataRow(Activation.Identity)]
    public void ConvertToOnnx_Iris_EachActivation_MatchesMlNet(Activation activation) => Check("iris", Options([8], activation));

    [TestMethod]
    public void ConvertToOnnx_Wine_ThreeHiddenLayersMixedActivations_MatchesMlNet() =>
        Check("wine", Options([16, 12, 8], Activation.Gelu, Activation.LeakyRelu, Activation.Tanh));

    [TestMethod]
    public void ConvertToOnnx_Digits_DefaultLayers_MatchesMlNet() =>
        Check("digits", new MlpTrainer.Options { MaximumNumberOfEpochs = 5, Seed = 1 });

    [TestMethod]
    public void ConvertToOnnx_NoHiddenLayer_MatchesMlNet() => Check("wine", Options([], Activation.Relu));

    [TestMethod]
    public void ConvertToOnnx_WithoutStandardization_MatchesMlNet()
    {
        var options = Options([8], Activation.Sigmoid);
        options.StandardizeFeatures = false;
        Check("iris", options);
    }
}
