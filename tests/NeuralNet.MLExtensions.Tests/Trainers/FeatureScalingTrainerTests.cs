using System.Buffers.Binary;
using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Tests.Persistence;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>MlpTrainer.Options.FeatureScaling = Robust through ML.NET: accuracy, scoring, summary, save and load, warm start.</summary>
[TestClass]
public sealed class FeatureScalingTrainerTests
{
    [TestMethod]
    [DataRow("iris", 0.95)]
    [DataRow("wine", 0.95)]
    [DataRow("digits", 0.97)]
    public void MlpTrainer_Fit_Robust_ReachesTheDefaultsAccuracyFloor(string dataSet, double floor)
    {
        var ml = new MLContext(seed: 0);
        var metrics = MlNetData.TrainAndEvaluate(ml, dataSet, ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { FeatureScaling = FeatureScaling.Robust }));
        Console.WriteLine($"{dataSet} (Robust): micro accuracy {metrics.MicroAccuracy:F4}, log-loss {metrics.LogLoss:F4}");
        Assert.IsGreaterThanOrEqualTo(floor, metrics.MicroAccuracy);
    }

    [TestMethod]
    public void MlpTrainer_Options_FeatureScalingDefaultIsStandard()
    {
        Assert.AreEqual(FeatureScaling.Standard, new MlpTrainer.Options().FeatureScaling);
        Assert.AreEqual(FeatureScaling.Standard, new MlpTrainingSettings().FeatureScaling);
    }

    private static (MLContext Ml, ITransformer Pipeline, MlpModelParameters Model) TrainRobustIris()
    {
        var ml = new MLContext(seed: 0);
        var model = IrisPipeline.Train(ml, IrisPipeline.Rows("iris_train.csv"),
            new MlpTrainer.Options { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 30, FeatureScaling = FeatureScaling.Robust });
        return (ml, model, MlNetData.Mlp(model));
    }

    [TestMethod]
    public void MlpModelParameters_SaveLoad_Robust_KeepsKindStatisticsAndPredictions()
    {
        var (_, _, model) = TrainRobustIris();
        Assert.AreEqual(FeatureScaling.Robust, model.Standardizer!.Kind);
        StringAssert.Contains(model.GetSummary(), "robust+clip");
        using var stream = new MemoryStream();
        model.Save(stream);
        var loaded = ModelBytes.Load(stream.ToArray());
        Assert.AreEqual(FeatureScaling.Robust, loaded.Standardizer!.Kind);
        CollectionAssert.AreEqual(model.Standardizer.Center.ToArray(), loaded.Standardizer.Center.ToArray());
        CollectionAssert.AreEqual(model.Standardizer.Scale.ToArray(), loaded.Standardizer.Scale.ToArray());
        CollectionAssert.AreEqual(ModelBytes.Predictions(model), ModelBytes.Predictions(loaded));
    }

    [TestMethod]
    public void ModelSave_Robust_LoadInFreshProcess_BitwiseIdenticalScores()
    {
        var (ml, pipeline, _) = TrainRobustIris();
        string directory = Directory.CreateTempSubdirectory("mlp-robust-").FullName;
        string path = Path.Combine(directory, "model.zip");
        ml.Model.Save(pipeline, IrisPipeline.Load(ml, IrisPipeline.Rows("iris_train.csv")).Schema, path);
        var expected = IrisPipeline.Score(ml, pipeline, IrisPipeline.Rows("iris_test.csv"));
        var lines = LoadProbe.Run(path, TabularData.PathOf("iris_test.csv"));
        foreach (var kind in new[] { "T", "P" })
        {
            var rows = lines.Where(l => l[0] == kind).ToArray();
            Assert.HasCount(expected.Length, rows, $"{kind} rows");
            for (int i = 0; i < expected.Length; i++)
                Assert.AreEqual(IrisPipeline.Bits(expected[i].Score), rows[i][2], $"{kind} row {i}: Score bits (single-row and block scoring)");
        }
        Directory.Delete(directory, recursive: true);
    }

    [TestMethod]
    public void MlpTrainer_Fit_Robust_ScoresWithTheRobustScaling()
    {
        // Scoring through ML.NET equals the network run by hand on robustly scaled rows.
        var ml = new MLContext(seed: 0);
        var data = MlNetData.Load(ml, "wine_train.csv");
        var pipeline = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(
            new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 5, FeatureScaling = FeatureScaling.Robust })).Fit(data);
        var model = MlNetData.Mlp(pipeline);
        var test = TabularData.Load("wine_test.csv");
        var scores = ml.Data.CreateEnumerable<ScoreRow>(pipeline.Transform(MlNetData.Load(ml, "wine_test.csv")), reuseRowObject: false).ToArray();
        var p = new float[model.Classes.Count];
        for (int r = 0; r < test.Rows; r++)
        {
            var x = test.Features.AsSpan(r * test.FeatureCount, test.FeatureCount).ToArray();
            for (int f = 0; f < x.Length; f++)
            {
                double z = ((double)x[f] - model.Standardizer!.Center[f]) * model.Standardizer.Scale[f];
                x[f] = (float)(z / Math.Sqrt(1 + z * z / 9));
            }
            model.Network.Predict(x, p);
            for (int c = 0; c < p.Length; c++) Assert.AreEqual(p[c], scores[r].Score[c], 1e-5f, $"row {r} class {c}");
        }
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    public void MlpTrainer_FitWarmStart_KeepsTheModelsRobustScaling()
    {
        var ml = new MLContext(seed: 0);
        var data = MlNetData.Load(ml, "iris_train.csv");
        var first = MlNetData.Mlp(MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(
            new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 3, FeatureScaling = FeatureScaling.Robust })).Fit(data));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var second = new MlpTrainer(new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 2, FeatureScaling = FeatureScaling.None })
            .Fit(keyed, first).Model;
        Assert.AreSame(first.Standardizer, second.Standardizer);
    }

    [TestMethod]
    public void MlpModelParametersLoad_Version4WithoutStandardisation_LoadsAsNone()
    {
        var bytes = ModelBytes.Frame(Payload(scalingByte: 0, floats: 0, version: 4));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 4);
        var model = ModelBytes.Load(ModelBytes.Reseal(bytes));
        Assert.IsNull(model.Standardizer);
        StringAssert.Contains(model.GetSummary(), "Input                 [2]               —");
    }

    [TestMethod]
    [DataRow((ushort)4, (byte)2, 0.5f, "standardisation flag is 2, expected 0 or 1")]
    [DataRow((ushort)5, (byte)3, 0.5f, "feature scaling kind is 3, expected 0 (None), 1 (Standard) or 2 (Robust)")]
    [DataRow((ushort)5, (byte)1, 0f, "Standard feature scaling of feature 0 has centre 0.5 and scale 0; both must be finite and the scale positive")]
    [DataRow((ushort)5, (byte)2, -1f, "Robust feature scaling of feature 0 has centre 0.5 and scale -1; both must be finite and the scale at least 0")]
    [DataRow((ushort)4, (byte)1, -1f, "Standard feature scaling of feature 0 has centre 0.5 and scale -1")]
    public void MlpModelParametersLoad_BadFeatureScaling_IsRefused(ushort version, byte kind, float scale, string message)
    {
        var bytes = ModelBytes.Frame(Payload(kind, floats: 4, scale, version: version));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), version);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ModelBytes.Load(ModelBytes.Reseal(bytes)));
        StringAssert.Contains(e.Message, message);
    }

    [TestMethod]
    public void MlpModelParametersLoad_RobustWithZeroScale_LoadsAndMapsTheFeatureToZero()
    {
        var model = ModelBytes.Load(ModelBytes.Frame(Payload(scalingByte: 2, floats: 4, scale: 0f)));
        Assert.AreEqual(FeatureScaling.Robust, model.Standardizer!.Kind);
        float[] row = [123f, -4f];
        model.Standardizer.Apply(row, row);
        CollectionAssert.AreEqual(new[] { 0f, 0f }, row);
    }

    [TestMethod]
    public void MlpModelParametersLoad_RobustCutShort_SaysTruncated()
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ModelBytes.Load(ModelBytes.Frame(Payload(scalingByte: 2, floats: 0, stopAfterScaling: true))));
        StringAssert.Contains(e.Message, "Robust feature scaling for 2 features needs 16 bytes but only 0 remain");
    }

    // Features "", 2 inputs, no hidden layer, multiclass, 2 classes, from version 5 the ensemble block (k = 1), the scaling byte and its floats (centre 0.5, then
    // the given scale), no key values, 6 parameters, stop reason, empty history, best epoch 0, no training state.
    private static byte[] Payload(byte scalingByte, int floats, float scale = 0.5f, bool stopAfterScaling = false, ushort version = 5)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(0); w.Write(2); w.Write(0); w.Write((byte)0); w.Write(2);
            if (version >= 5) { w.Write(4); w.Write(1); w.Write(1); w.Write((byte)0); }   // the ensemble block (4 bytes, a single network), no input stage
            w.Write(scalingByte);
            for (int i = 0; i < floats; i++) w.Write(i < floats / 2 ? 0.5f : scale);
            if (!stopAfterScaling)
            {
                w.Write((byte)0);
                w.Write(6L);
                for (int i = 0; i < 6; i++) w.Write(0.25f);
                w.Write((byte)0); w.Write(0); w.Write(0); w.Write((byte)0);
            }
        }
        return stream.ToArray();
    }
}
