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

    /// <summary>Trains on the set's training file, exports, compares on its test file; returns the trained model.</summary>
    private static MlpModelParameters Check(string name, MlpTrainer.Options options, int? opset = null)
    {
        var ml = new MLContext(seed: 0);
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(options)).Fit(MlNetData.Load(ml, $"{name}_train.csv"));
        var test = MlNetData.Load(ml, $"{name}_test.csv");
        var scored = model.Transform(test);
        byte[] onnx = opset is null ? OnnxRunner.Export(ml, model, test) : OnnxRunner.Export(ml, model, test, opset.Value);
        OnnxAssert.SameAsMlNet(onnx, test, scored, "Score", "PredictedLabel");
        OnnxAssert.SameThroughApplyOnnxModel(ml, onnx, test, scored, "Score", "PredictedLabel");
        return MlNetData.Mlp(model);
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

    // An ensemble's Score is the members' mean probability (MemberMean); opset 9 checks LogSoftmax on [k×N×K] below
    // opset 13, where ONNX flattens the input at the axis. EnsembleSize 1 keeps the single network's path covered.
    [TestMethod]
    [DataRow(4, null)]
    [DataRow(4, 9)]
    [DataRow(1, null)]
    public void ConvertToOnnx_Iris_EnsembleSize_MatchesMlNet(int members, int? opset)
    {
        var options = Options([8, 6], Activation.Gelu, Activation.Relu);
        options.EnsembleSize = members;
        MlpModelParameters model = Check("iris", options, opset);
        Assert.AreEqual(members, model.Network.Architecture.EnsembleSize, "the model exported is the one asked for");
    }

    // The input stage before the first dense layer: periodic embeddings of every feature, then the per-input scales.
    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    public void ConvertToOnnx_Wine_PeriodicEmbeddingAndFeatureScale_MatchesMlNet(int members)
    {
        var options = Options([16], Activation.Relu);
        (options.EnsembleSize, options.NumericEmbedding, options.FeatureScaleLayer) = (members, NumericEmbeddingKind.Periodic, true);
        MlpModelParameters model = Check("wine", options);
        Assert.IsNotNull(model.Network.Architecture.Embedding, "the model has the input stage");
        Assert.AreEqual(members, model.Network.Architecture.EnsembleSize);
    }

    [TestMethod]
    [DataRow(1, false)]
    [DataRow(4, true)]
    public void ConvertToOnnx_Wine_PiecewiseLinearEncoding_MatchesMlNet(int members, bool scale)
    {
        var options = Options([16], Activation.Relu);
        (options.EnsembleSize, options.NumericEmbedding, options.FeatureScaleLayer) = (members, NumericEmbeddingKind.PiecewiseLinear, scale);
        MlpModelParameters model = Check("wine", options);
        Assert.IsTrue(model.Network.Architecture.Embedding is { IsPiecewiseLinear: true }, "the model has the encoding");
    }

    [TestMethod]
    public void ConvertToOnnx_NoHiddenLayer_MatchesMlNet() => Check("wine", Options([], Activation.Relu));

    [TestMethod]
    public void ConvertToOnnx_WithoutStandardization_MatchesMlNet()
    {
        var options = Options([8], Activation.Sigmoid);
        options.FeatureScaling = FeatureScaling.None;
        Check("iris", options);
    }

    [TestMethod]
    public void ConvertToOnnx_RobustScalingWithSmoothClipping_MatchesMlNet()
    {
        var options = Options([16], Activation.Relu);
        options.FeatureScaling = FeatureScaling.Robust;
        Check("wine", options);
    }

    [TestMethod]
    public void ConvertToOnnx_LowestOpsetMlNetWrites_MatchesMlNet() => Check("iris", Options([8, 4], Activation.Gelu, Activation.LeakyRelu), opset: 9);

    [TestMethod]
    public void Transform_OutputView_IsAnMlNetOnnxTransformOverItsInput()
    {
        var ml = new MLContext(seed: 0);
        var train = MlNetData.Load(ml, "iris_train.csv");
        var chain = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(Options([4], Activation.Relu))).Fit(train);
        var model = ((IEnumerable<ITransformer>)chain).OfType<MlpPredictionTransformer>().Single();
        IDataView output = model.Transform(train);
        Assert.IsTrue(output.GetType().GetInterfaces().Any(i => i.FullName == "Microsoft.ML.Model.OnnxConverter.ITransformCanSaveOnnx"));
        Assert.AreSame(train, MlNetInternals.SourceOf(output));
    }
}
