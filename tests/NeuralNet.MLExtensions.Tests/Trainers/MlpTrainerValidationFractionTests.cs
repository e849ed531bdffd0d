using NeuralNet.MLExtensions.Engine.Data;
using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// ValidationFraction through the ML.NET trainer: about that fraction of every class is held out, the model is trained
/// on the other rows only, and the validation metrics in the history are those of the held-out rows.
/// </summary>
[TestClass]
public sealed class MlpTrainerValidationFractionTests
{
    private const float Fraction = 0.25f;
    private const int Seed = 1;

    [TestMethod]
    public void MlpTrainer_ValidationFraction_HoldsOutRowsAndRecordsMetrics()
    {
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 3, Seed = Seed, NumberOfThreads = 1, LearningRate = 0.01f, ValidationFraction = Fraction, RefitMaximumRows = 0, Preset = MlpPreset.Classic };
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(MlNetData.Load(ml, "iris_train.csv")).Transform(MlNetData.Load(ml, "iris_train.csv"));
        var model = ml.MulticlassClassification.Trainers.Mlp(options).Fit(data).Model;

        // The rows as the engine sees them: classes numbered by first occurrence (MapValueToKey's order).
        var t = TabularData.Load("iris_train.csv");
        var order = t.Labels.Distinct().ToArray();
        int[] labels = t.Labels.Select(l => Array.IndexOf(order, l)).ToArray();
        var (trainX, trainY, _, held) = StratifiedSplit.Split((float[])t.Features.Clone(), t.Rows, 4, labels, null, 3, Fraction, Seed);

        // Stratified: each class gives about a quarter of its rows; together the parts are exactly the data.
        for (int c = 0; c < 3; c++)
        {
            int all = labels.Count(l => l == c), heldOut = held.Labels.Count(l => l == c);
            Assert.AreEqual(Fraction * all, heldOut, 0.5, $"class {c}: {heldOut} of {all} rows held out");
        }
        Assert.AreEqual(t.Rows - held.Rows, trainY.Length);
        CollectionAssert.AreEquivalent(Rows(t.Features, labels), Rows(trainX, trainY).Concat(Rows(held.Features, held.Labels)).ToArray());

        // Trained on the other rows only: the engine given exactly those rows and the held-out rows as validation
        // data builds the same model, bit for bit.
        var engine = MlpEngine.Train(trainX, 4, trainY, default, 3, new MlpTrainingSettings
        {
            HiddenLayerSizes = [16], MaximumNumberOfEpochs = 3, Seed = Seed, NumberOfThreads = 1, LearningRate = 0.01f,
        }, held, null);
        CollectionAssert.AreEqual(engine.Network.Parameters.ToArray(), model.Network.Parameters.ToArray());

        // The recorded validation loss and accuracy are the model's mean cross-entropy and accuracy on the held-out rows.
        Assert.HasCount(3, model.History);
        var (loss, accuracy) = Measure(model, held);
        var recorded = model.History[model.BestEpoch - 1];
        Assert.AreEqual(loss, recorded.ValidationLoss!.Value, 1e-5);
        Assert.AreEqual(accuracy, recorded.ValidationAccuracy!.Value, 1e-12);
    }

    private static string[] Rows(float[] x, int[] y) =>
        Enumerable.Range(0, y.Length).Select(r => $"{string.Join(' ', x.Skip(r * 4).Take(4))}:{y[r]}").ToArray();

    /// <summary>Mean −ln p(true class) and the fraction of rows whose highest probability is the true class.</summary>
    private static (double Loss, double Accuracy) Measure(MlpModelParameters model, ValidationSet rows)
    {
        double loss = 0;
        int correct = 0;
        var p = new float[3];
        for (int r = 0; r < rows.Rows; r++)
        {
            var x = rows.Features.AsSpan(r * 4, 4).ToArray();
            model.Standardizer!.Apply(x, x);
            model.Network.Predict(x, p);
            loss -= Math.Log(p[rows.Labels[r]]);
            if (Array.IndexOf(p, p.Max()) == rows.Labels[r]) correct++;
        }
        return (loss / rows.Rows, (double)correct / rows.Rows);
    }
}
