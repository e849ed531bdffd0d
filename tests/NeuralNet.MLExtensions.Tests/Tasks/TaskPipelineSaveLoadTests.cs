using System.Globalization;
using Microsoft.ML;
using NeuralNet.MLExtensions.Tests.Persistence;

namespace NeuralNet.MLExtensions.Tests.Tasks;

/// <summary>A pipeline with the regression or binary MLP saves with mlContext.Model.Save and loads in a fresh process with bitwise-identical scores.</summary>
[TestClass]
public sealed class TaskPipelineSaveLoadTests
{
    private static string Bits(params float[] values) =>
        string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v).ToString("X8", CultureInfo.InvariantCulture)));

    private static void SaveAndProbe(MLContext ml, ITransformer model, IDataView train, TaskData.Row[] test, string mode, Func<IDataView, string[][]> expected)
    {
        string directory = Directory.CreateTempSubdirectory("mlp-task-save-").FullName;
        try
        {
            string path = Path.Combine(directory, "model.zip");
            ml.Model.Save(model, train.Schema, path);
            var want = expected(model.Transform(TaskData.Load(ml, test)));
            var lines = LoadProbe.Run(path, TaskData.WriteCsv(test, Path.Combine(directory, "test.csv")), mode);
            foreach (var kind in new[] { "T", "P" })
            {
                var rows = lines.Where(l => l[0] == kind).ToArray();
                Assert.HasCount(want.Length, rows, $"{kind} rows");
                for (int i = 0; i < want.Length; i++)
                {
                    Assert.AreEqual(want[i][0], rows[i][2], $"{kind} row {i}: score bits");
                    Assert.AreEqual(want[i][1], rows[i][3], $"{kind} row {i}: predicted label");
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Regression_ModelSave_LoadInFreshProcess_BitwiseIdenticalScores()
    {
        var ml = new MLContext(seed: 0);
        var train = TaskData.Load(ml, TaskData.Rows(300, 11));
        var model = TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(labelColumnName: "Target", hiddenLayerSizes: [16], maximumNumberOfEpochs: 5)).Fit(train);
        SaveAndProbe(ml, model, train, TaskData.Rows(70, 12), "regression", scored =>
            ml.Data.CreateEnumerable<RegressionScore>(scored, reuseRowObject: false).Select(s => new[] { Bits(s.Score), "-" }).ToArray());
    }

    [TestMethod]
    public void Binary_ModelSave_LoadInFreshProcess_BitwiseIdenticalScores()
    {
        var ml = new MLContext(seed: 0);
        var train = TaskData.Load(ml, TaskData.Rows(300, 13));
        var model = TaskData.Pipeline(ml, ml.BinaryClassification.Trainers.Mlp(labelColumnName: "Positive", hiddenLayerSizes: [16], maximumNumberOfEpochs: 5)).Fit(train);
        SaveAndProbe(ml, model, train, TaskData.Rows(70, 14), "binary", scored =>
            ml.Data.CreateEnumerable<BinaryScore>(scored, reuseRowObject: false).Select(s => new[] { Bits(s.Score, s.Probability), s.PredictedLabel.ToString() }).ToArray());
    }

    private sealed class RegressionScore
    {
        public float Score { get; set; }
    }

    private sealed class BinaryScore
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }
}
