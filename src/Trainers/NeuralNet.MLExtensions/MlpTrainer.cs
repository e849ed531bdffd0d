using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using NeuralNet.MLExtensions.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// Trains a multilayer perceptron for multiclass classification: a key-typed label, a known-size vector of Single
/// features, an optional example-weight column. The result scores like ML.NET's own multiclass trainers
/// (<c>Score</c>, <c>PredictedLabel</c>). Make it with <c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c>
/// or directly with <c>new MlpTrainer(options)</c>.
/// </summary>
public sealed partial class MlpTrainer : ITrainerEstimator<MlpPredictionTransformer, MlpModelParameters>
{
    private const string ComponentName = "Mlp";
    private readonly Options _options;
    private readonly IHost? _host;
    private readonly int _seed;

    /// <summary>A trainer with <paramref name="options"/> (checked now) that is not tied to an MLContext.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public MlpTrainer(Options options) : this(null, options)
    {
    }

    /// <summary>
    /// A trainer with <paramref name="options"/> (checked now) whose log and, when <see cref="Options.Seed"/> is null,
    /// seed come from <paramref name="mlContext"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public MlpTrainer(MLContext? mlContext, Options options) : this((IHostEnvironment?)mlContext, options)
    {
    }

    internal MlpTrainer(IHostEnvironment? environment, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.HiddenLayerSizes = options.HiddenLayerSizes?.ToArray()!;
        _options.Activation = options.Activation?.ToArray()!;
        RequireName(nameof(Options.LabelColumnName), _options.LabelColumnName);
        RequireName(nameof(Options.FeatureColumnName), _options.FeatureColumnName);
        if (_options.ExampleWeightColumnName is { Length: 0 })
            throw new ArgumentOutOfRangeException(nameof(Options.ExampleWeightColumnName), _options.ExampleWeightColumnName,
                "ExampleWeightColumnName must be null (no weights) or a column name; got an empty string.");
        _host = environment?.Register(ComponentName);
        _seed = _options.Seed ?? _host?.Rand.Next() ?? MlpDefaults.Seed;
        _options.ToSettings(_seed).Validate();
    }

    /// <summary>What ML.NET may ask of this trainer: it normalises internally and reads the data into memory once.</summary>
    public TrainerInfo Info { get; } = MlNetInternals.CreateTrainerInfo(normalization: false, caching: false, supportValid: false, supportIncrementalTrain: false);

    /// <summary>The seed this trainer trains with.</summary>
    public int Seed => _seed;

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type (the message names it and the fix).</exception>
    /// <exception cref="InvalidOperationException">No rows, a single class, or invalid rows (NaN features, missing labels) that are not to be skipped.</exception>
    public MlpPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (features, label, weight) = CheckSchema(input.Schema);
        var data = TrainingDataReader.Read(input, features, label, weight, _options.SkipInvalidRows);

        using var channel = _host?.Start("Training");
        if (data.SkippedRows > 0)
            channel?.Info(MessageSensitivity.None, $"Mlp: skipped {data.SkippedRows} invalid training row(s) (SkipInvalidRows is on); training on {data.Rows}.");
        channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Mlp: training {data.FeatureCount}-{string.Join("-", _options.HiddenLayerSizes)}-{data.Classes.Count} on {data.Rows} rows, seed {_seed}."));

        int maxEpochs = _options.MaximumNumberOfEpochs;
        var settings = _options.ToSettings(_seed, channel is null ? null : report => channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Mlp: epoch {report.Epoch}/{maxEpochs}: training loss {report.TrainingLoss:F6}, gradient norm {report.GradientNorm:G4}, {report.Elapsed.TotalSeconds:F2} s")));

        var result = MlpEngine.TrainInPlace(data.Features, data.Rows, data.FeatureCount, data.Labels, data.Weights, data.Classes.Count, settings);
        channel?.Info(MessageSensitivity.None, result.StopReason == StopReason.TrainingLossConverged
            ? string.Create(CultureInfo.InvariantCulture, $"Mlp: stopped after {result.Epochs} epochs: the training loss improved by less than {_options.ConvergenceTolerance} for {_options.ConvergencePatience} epochs.")
            : $"Mlp: stopped after the maximum of {result.Epochs} epochs.");

        var model = new MlpModelParameters(result.Network, result.Standardizer, data.Classes, result.History, result.StopReason);
        return new MlpPredictionTransformer(model, features.Name);
    }

    /// <summary>The input schema followed by Score and PredictedLabel; checks the label, features and weight columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = SchemaChecks.RequireShapeColumn(inputSchema, "Label", _options.LabelColumnName);
        SchemaChecks.CheckLabel(label.Name, label.IsKey, SchemaChecks.Describe(label));
        var features = SchemaChecks.RequireShapeColumn(inputSchema, "Features", _options.FeatureColumnName);
        SchemaChecks.CheckFeatures(features.Name,
            features.Kind == SchemaShape.Column.VectorKind.Vector && features.ItemType == NumberDataViewType.Single && !features.IsKey,
            SchemaChecks.Describe(features));
        if (_options.ExampleWeightColumnName is string weightName)
        {
            var weight = SchemaChecks.RequireShapeColumn(inputSchema, "ExampleWeight", weightName);
            SchemaChecks.CheckWeight(weight.Name,
                weight.Kind == SchemaShape.Column.VectorKind.Scalar && weight.ItemType == NumberDataViewType.Single && !weight.IsKey,
                SchemaChecks.Describe(weight));
        }

        DataViewType? keyValueType = SchemaChecks.TryFind(label.Annotations, AnnotationNames.KeyValues, out var keyValues) ? keyValues.ItemType : null;
        var columns = inputSchema.ToDictionary(c => c.Name);
        foreach (var column in Scoring.ScoreSchema.Shape(keyValueType)) columns[column.Name] = column;
        return new SchemaShape(columns.Values);
    }

    private (DataViewSchema.Column Features, DataViewSchema.Column Label, DataViewSchema.Column? Weight) CheckSchema(DataViewSchema schema)
    {
        var label = SchemaChecks.RequireColumn(schema, "Label", _options.LabelColumnName);
        SchemaChecks.CheckLabel(label.Name, label.Type is KeyDataViewType, SchemaChecks.Describe(label.Type));
        var features = SchemaChecks.RequireColumn(schema, "Features", _options.FeatureColumnName);
        SchemaChecks.CheckFeatures(features);
        DataViewSchema.Column? weight = null;
        if (_options.ExampleWeightColumnName is string weightName)
        {
            var w = SchemaChecks.RequireColumn(schema, "ExampleWeight", weightName);
            SchemaChecks.CheckWeight(w.Name, w.Type == NumberDataViewType.Single, SchemaChecks.Describe(w.Type));
            weight = w;
        }
        if (label.Type is KeyDataViewType { Count: < 2 } key)
            throw new ArgumentOutOfRangeException("inputSchema",
                $"Label column '{label.Name}' has only {key.Count} class; a classifier needs at least two.");
        return (features, label, weight);
    }

    private static void RequireName(string option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentOutOfRangeException(option, value, $"{option} must name a column; got {(value is null ? "null" : $"'{value}'")}.");
    }
}
