// Hidden-layer representations: train an MLP on the digits, take its hidden layer as a new representation of each
// image, and cluster it with ML.NET's KMeans. The classes separate far better in the learned representation than in
// the raw pixels, which is what the network's hidden layer is for.
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions;

var ml = new MLContext(seed: 0);
string data = Path.Combine(AppContext.BaseDirectory, "data");
var loader = ml.Data.CreateTextLoader(new TextLoader.Options
{
    HasHeader = true,
    Separators = [','],
    Columns = [new TextLoader.Column("Features", DataKind.Single, 0, 63), new TextLoader.Column("Digit", DataKind.Single, 64)],
});
IDataView train = loader.Load(Path.Combine(data, "digits_train.csv"));
IDataView test = loader.Load(Path.Combine(data, "digits_test.csv"));

// 1. Train the MLP with a 16-unit second hidden layer.
var keyed = ml.Transforms.Conversion.MapValueToKey("Label", "Digit", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
var classifier = keyed.Append(ml.MulticlassClassification.Trainers.Mlp(hiddenLayerSizes: [64, 16])).Fit(train);
MlpModelParameters mlp = classifier.LastTransformer.Model;
Console.WriteLine(mlp.GetSummary());

// 2. Cluster the held-out digits into 10 groups, once on the raw pixels and once on the hidden layer.
var keyedTest = keyed.Fit(test).Transform(test);
ClusteringMetrics Cluster(IEstimator<ITransformer> features, string column)
{
    var pipeline = features.Append(ml.Clustering.Trainers.KMeans(column, numberOfClusters: 10));
    var scored = pipeline.Fit(keyedTest).Transform(keyedTest);
    return ml.Clustering.Evaluate(scored, labelColumnName: "Label", featureColumnName: column);
}
var raw = Cluster(ml.Transforms.CopyColumns("Pixels", "Features"), "Pixels");
var hidden = Cluster(ml.Transforms.MlpHiddenLayer(mlp, layerIndex: 1, outputColumnName: "Hidden"), "Hidden");

// 3. Normalised mutual information between clusters and true digits: 1 means the clusters are the digits.
Console.WriteLine($"KMeans on the 64 raw pixels:            NMI {raw.NormalizedMutualInformation:F3}");
Console.WriteLine($"KMeans on the 16-unit 2nd hidden layer: NMI {hidden.NormalizedMutualInformation:F3}");

// Expected output: KMeans on the 64 raw pixels NMI 0.669; on the 16-unit 2nd hidden layer NMI 0.793.
