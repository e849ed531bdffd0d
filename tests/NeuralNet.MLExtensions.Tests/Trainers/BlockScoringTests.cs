using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>Scoring blocks of rows read ahead gives exactly what scoring one row at a time gives.</summary>
[TestClass]
public sealed class BlockScoringTests
{
    private sealed class Digit
    {
        [VectorType(64)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Scored
    {
        public float[] Score { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }

    [TestMethod]
    public void Transform_ManyBlocks_MatchesPredictionEngineRowByRow()
    {
        var ml = new MLContext(seed: 0);
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(maximumNumberOfEpochs: 3)).Fit(MlNetData.Load(ml, "digits_train.csv"));
        var test = MlNetData.Load(ml, "digits_test.csv");
        var blocks = ml.Data.CreateEnumerable<Scored>(model.Transform(test), reuseRowObject: false).ToArray();
        var rows = ml.Data.CreateEnumerable<Digit>(test, reuseRowObject: false).ToArray();
        Assert.IsGreaterThan(64 * 5, rows.Length, "several blocks and a partial last block");

        var engine = ml.Model.CreatePredictionEngine<Digit, Scored>(model);
        for (int i = 0; i < rows.Length; i++)
        {
            var one = engine.Predict(rows[i]);
            CollectionAssert.AreEqual(one.Score, blocks[i].Score, $"row {i}");
            Assert.AreEqual(one.PredictedLabel, blocks[i].PredictedLabel, $"row {i}");
        }
    }

    [TestMethod]
    public void Transform_SplitCursors_GiveTheSameScores()
    {
        var ml = new MLContext(seed: 0);
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(maximumNumberOfEpochs: 3)).Fit(MlNetData.Load(ml, "digits_train.csv"));
        var scored = model.Transform(ml.Data.Cache(MlNetData.Load(ml, "digits_test.csv")));
        var column = scored.Schema["Score"];

        var single = new List<string>();
        using (var cursor = scored.GetRowCursor([column]))
        {
            var get = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> v = default;
            while (cursor.MoveNext()) { get(ref v); single.Add(string.Join(",", v.DenseValues())); }
        }
        var split = new List<string>();
        foreach (var cursor in scored.GetRowCursorSet([column], 2))
            using (cursor)
            {
                var get = cursor.GetGetter<VBuffer<float>>(column);
                VBuffer<float> v = default;
                while (cursor.MoveNext()) { get(ref v); split.Add(string.Join(",", v.DenseValues())); }
            }
        CollectionAssert.AreEquivalent(single, split);
    }
}
