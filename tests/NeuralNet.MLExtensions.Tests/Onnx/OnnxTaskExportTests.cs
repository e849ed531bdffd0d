using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Tests.Tasks;
using NeuralNet.MLExtensions.Tests.Trainers;
using NeuralNet.MLExtensions.Transforms;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>
/// The binary and regression trainers, the hidden-layer transform and the stand-alone model export give ML.NET's
/// values through ONNX Runtime, for a single network (EnsembleSize 1) and an ensemble (its members' mean prediction,
/// its hidden layer's mean activation).
/// </summary>
[TestClass]
public sealed class OnnxTaskExportTests
{
    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    public void ConvertToOnnx_Binary_ScoreProbabilityAndLabelMatchMlNet(int members)
    {
        var ml = new MLContext(seed: 0);
        var trainer = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            LabelColumnName = "Positive", HiddenLayerSizes = [12, 6], Activation = [Activation.Tanh, Activation.LeakyRelu], MaximumNumberOfEpochs = 10, Seed = 1,
            EnsembleSize = members,
        });
        var model = TaskData.Pipeline(ml, trainer).Fit(TaskData.Load(ml, TaskData.Rows(300, seed: 1)));
        Assert.AreEqual(members, TaskData.Mlp(model).Network.Architecture.EnsembleSize);
        var test = TaskData.Load(ml, TaskData.Rows(100, seed: 2));
        var scored = model.Transform(test);
        byte[] onnx = OnnxRunner.Export(ml, model, test);
        // The logit is compared relative to max(|logit|, 1) (see OnnxAssert.Close), the probability relative to itself.
        OnnxAssert.SameAsMlNet(onnx, test, scored, 1f, "Score");
        OnnxAssert.SameAsMlNet(onnx, test, scored, "Probability", "PredictedLabel");
        OnnxAssert.SameThroughApplyOnnxModel(ml, onnx, test, scored, 1f, "Score");
        OnnxAssert.SameThroughApplyOnnxModel(ml, onnx, test, scored, "Probability", "PredictedLabel");
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    public void ConvertToOnnx_Regression_ScoreInTargetUnitsMatchesMlNet(int members)
    {
        var ml = new MLContext(seed: 0);
        var trainer = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            LabelColumnName = "Target", HiddenLayerSizes = [16], Activation = [Activation.Gelu], MaximumNumberOfEpochs = 10, Seed = 1,
            EnsembleSize = members,
        });
        var model = TaskData.Pipeline(ml, trainer).Fit(TaskData.Load(ml, TaskData.Rows(300, seed: 1)));
        Assert.AreEqual(members, TaskData.Mlp(model).Network.Architecture.EnsembleSize);
        var test = TaskData.Load(ml, TaskData.Rows(100, seed: 2));
        var scored = model.Transform(test);
        byte[] onnx = OnnxRunner.Export(ml, model, test);
        OnnxAssert.SameAsMlNet(onnx, test, scored, 1f, "Score");
        OnnxAssert.SameThroughApplyOnnxModel(ml, onnx, test, scored, 1f, "Score");
    }

    [TestMethod]
    [DataRow(1, 1)]
    [DataRow(4, 1)]
    [DataRow(4, 0)]
    public void ConvertToOnnx_HiddenLayerTransform_ActivationsMatchMlNet(int members, int layer)
    {
        var ml = new MLContext(seed: 0);
        var train = MlNetData.Load(ml, "wine_train.csv");
        var options = new MlpTrainer.Options
        {
            HiddenLayerSizes = [10, 6], Activation = [Activation.Sigmoid, Activation.Gelu], MaximumNumberOfEpochs = 10, Seed = 1, EnsembleSize = members,
        };
        var mlp = MlNetData.Mlp(MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(options)).Fit(train));
        Assert.AreEqual(members, mlp.Network.Architecture.EnsembleSize);
        var test = MlNetData.Load(ml, "wine_test.csv");
        var transform = ml.Transforms.MlpHiddenLayer(mlp, layer, "Hidden").Fit(test);
        byte[] onnx = OnnxRunner.Export(ml, transform, test);
        OnnxAssert.SameAsMlNet(onnx, test, transform.Transform(test), 1f, "Hidden");
    }

    [TestMethod]
    public void SaveAsOnnx_ModelAlone_FeaturesInScoresOut()
    {
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 10, Seed = 1 };
        var pipeline = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(options)).Fit(MlNetData.Load(ml, "iris_train.csv"));
        var test = MlNetData.Load(ml, "iris_test.csv");
        var scored = pipeline.Transform(test);
        using var stream = new MemoryStream();
        MlNetData.Mlp(pipeline).SaveAsOnnx(stream);

        using var session = new InferenceSession(stream.ToArray());
        CollectionAssert.AreEqual(new[] { "Features" }, session.InputMetadata.Keys.ToArray());
        // ML.NET's converter adds one more output, mlnet.Score.unusedOutput, whose LabelEncoder node holds the class names.
        CollectionAssert.IsSubsetOf(new[] { "Score.output", "PredictedLabel.output" }, session.OutputMetadata.Keys.ToArray());
        Assert.IsFalse(session.OutputMetadata.ContainsKey("Features.output"), "The features are an input only.");
        float[] features = ColumnReader.Floats(test, "Features");
        var input = NamedOnnxValue.CreateFromTensor("Features", new DenseTensor<float>(features, [features.Length / 4, 4]));
        using var results = session.Run([input]);
        OnnxAssert.Close(ColumnReader.Floats(scored, "Score"), results.Single(r => r.Name == "Score.output").AsTensor<float>().ToArray(), "Score");
        CollectionAssert.AreEqual(ColumnReader.Read<uint>(scored, "PredictedLabel"), results.Single(r => r.Name == "PredictedLabel.output").AsTensor<uint>().ToArray());
    }
}
