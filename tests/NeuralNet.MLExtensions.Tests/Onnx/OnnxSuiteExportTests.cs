using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Tests.Trainers;

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
    [DataRow("housevotes", NumericEmbeddingKind.None)]
    [DataRow("attrition", NumericEmbeddingKind.None)]
    [DataRow("attrition", NumericEmbeddingKind.Periodic)] // embeds the numeric columns only, not the one-hot ones
    public void ConvertToOnnx_SuiteSetWithTextAndMissingValues_MatchesMlNet(string name, NumericEmbeddingKind embedding)
    {
        var ml = new MLContext(seed: 0);
        var (loader, numeric, text) = SuiteData.Loader(ml, name);
        var trainer = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
        {
            HiddenLayerSizes = [16, 8],
            Activation = [Activation.Gelu, Activation.Relu],
            MaximumNumberOfEpochs = 15,
            Seed = 1,
            NumericEmbedding = embedding,
        });
        var model = SuiteData.Pipeline(ml, numeric, text, trainer).Fit(loader.Load(SuiteData.PathOf($"{name}_train.csv")));
        if (embedding == NumericEmbeddingKind.Periodic)
        {
            var architecture = MlNetData.Mlp(model).Network.Architecture;
            int embedded = architecture.Embedding!.EmbeddedFeatures.Count;
            Assert.IsTrue(embedded > 0 && embedded < architecture.InputSize, $"some inputs embedded, not all; got {embedded} of {architecture.InputSize}");
        }
        var test = loader.Load(SuiteData.PathOf($"{name}_test.csv"));
        var scored = model.Transform(test);
        byte[] onnx = OnnxRunner.Export(ml, model, test);
        OnnxAssert.SameAsMlNet(onnx, test, scored, "Score", "PredictedLabel", "PredictedTarget");
        OnnxAssert.SameThroughApplyOnnxModel(ml, onnx, test, scored, "Score", "PredictedLabel", "PredictedTarget");
    }
}
