using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>
/// Whole pipelines over raw CSV with text and empty cells (ReplaceMissingValues, OneHotEncoding, Concatenate,
/// NormalizeMinMax, MapValueToKey, the MLP, MapKeyToValue) export and give ML.NET's Score, PredictedLabel and the
/// class text, through ONNX Runtime and through ApplyOnnxModel.
/// </summary>
[TestClass]
public sealed class OnnxSuiteExportTests
{
    [TestMethod]
    [DataRow("housevotes")]
    [DataRow("attrition")]
    public void ConvertToOnnx_SuiteSetWithTextAndMissingValues_MatchesMlNet(string name)
    {
        var ml = new MLContext(seed: 0);
        var (loader, numeric, text) = SuiteData.Loader(ml, name);
        var trainer = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
        {
            HiddenLayerSizes = [16, 8],
            Activation = [Activation.Gelu, Activation.Relu],
            MaximumNumberOfEpochs = 15,
            Seed = 1,
        });
        var model = SuiteData.Pipeline(ml, numeric, text, trainer).Fit(loader.Load(SuiteData.PathOf($"{name}_train.csv")));
        var test = loader.Load(SuiteData.PathOf($"{name}_test.csv"));
        var scored = model.Transform(test);
        byte[] onnx = OnnxRunner.Export(ml, model, test);
        OnnxAssert.SameAsMlNet(onnx, test, scored, "Score", "PredictedLabel", "PredictedTarget");
        OnnxAssert.SameThroughApplyOnnxModel(ml, onnx, test, scored, "Score", "PredictedLabel", "PredictedTarget");
    }
}
