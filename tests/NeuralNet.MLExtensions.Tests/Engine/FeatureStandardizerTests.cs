using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class FeatureStandardizerTests
{
    [TestMethod]
    public void FeatureStandardizer_Fit_MeanZeroUnitVariance()
    {
        float[] rows = [1, 10, 3, 20, 5, 30];
        var s = FeatureStandardizer.Fit(rows, 3, 2);
        CollectionAssert.AreEqual(new[] { 3f, 20f }, s.Center.ToArray());
        s.Apply(rows, 3);
        Assert.AreEqual(0, rows[0] + rows[2] + rows[4], 1e-6);
        Assert.AreEqual(3, rows[0] * rows[0] + rows[2] * rows[2] + rows[4] * rows[4], 1e-5);
    }

    [TestMethod]
    public void FeatureStandardizer_ConstantFeature_MapsToZeroNotNaN()
    {
        float[] rows = [7, 1, 7, 2, 7, 3];
        var s = FeatureStandardizer.Fit(rows, 3, 2);
        Assert.AreEqual(1f, s.Scale[0]);
        s.Apply(rows, 3);
        Assert.AreEqual(0f, rows[0]);
        Assert.AreEqual(0f, rows[4]);
        Assert.IsTrue(rows.All(float.IsFinite));
    }

    [TestMethod]
    public void MlpEngine_Train_ConstantFeature_GivesFiniteModel()
    {
        var t = TabularData.Load("iris_train.csv");
        // Add a constant fifth feature.
        var x = new float[t.Rows * 5];
        for (int r = 0; r < t.Rows; r++)
        {
            t.Features.AsSpan(r * 4, 4).CopyTo(x.AsSpan(r * 5, 4));
            x[r * 5 + 4] = 42f;
        }
        var result = MlpEngine.Train(x, 5, t.Labels, default, t.ClassCount, new MlpTrainingSettings { MaximumNumberOfEpochs = 20, Seed = 1 });
        Assert.IsTrue(result.Network.Parameters.ToArray().All(float.IsFinite));
        var p = new float[3];
        var row = new float[] { 5f, 3f, 1.5f, 0.2f, 42f };
        result.Standardizer!.Apply(row, row);
        result.Network.Predict(row, p);
        Assert.IsTrue(p.All(float.IsFinite));
        Assert.AreEqual(1.0, p.Sum(), 1e-5);
    }
}
