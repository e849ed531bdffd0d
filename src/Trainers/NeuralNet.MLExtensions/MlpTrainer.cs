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
    private readonly IHostEnvironment? _environment;
    private readonly int _seed;

    /// <summary>A trainer with <paramref name="options"/> (checked now) that is not tied to an MLContext.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it, the rule and the value.</exception>
    /// <exception cref="ArgumentNullException">A list option (HiddenLayerSizes, Activation, DropoutRates) is null.</exception>
    public MlpTrainer(Options options) : this(null, options)
    {
    }

    /// <summary>
    /// A trainer with <paramref name="options"/> (checked now) whose log and, when <see cref="Options.Seed"/> is null,
    /// seed come from <paramref name="mlContext"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it, the rule and the value.</exception>
    public MlpTrainer(MLContext? mlContext, Options options) : this((IHostEnvironment?)mlContext, options)
    {
    }

    internal MlpTrainer(IHostEnvironment? environment, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        RequireName(nameof(Options.LabelColumnName), _options.LabelColumnName);
        RequireName(nameof(Options.FeatureColumnName), _options.FeatureColumnName);
        if (_options.ExampleWeightColumnName is { Length: 0 })
            throw new ArgumentOutOfRangeException(nameof(Options.ExampleWeightColumnName), _options.ExampleWeightColumnName,
                "ExampleWeightColumnName must be null (no weights) or a column name; got an empty string.");
        _environment = environment;
        _host = environment?.Register(ComponentName);
        _seed = _options.Seed ?? _host?.Rand.Next() ?? MlpDefaults.Seed;
        OptionMap.ThrowIfInvalid(_options.ToSettings(_seed).FindError());
    }

    /// <summary>What ML.NET may ask of this trainer: it normalises internally and reads the data into memory once.</summary>
    public TrainerInfo Info { get; } = MlNetInternals.CreateTrainerInfo(normalization: false, caching: false, supportValid: true, supportIncrementalTrain: true);

    /// <summary>The seed this trainer trains with.</summary>
    public int Seed => _seed;

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type (the message names it and the fix), or
    /// HiddenLayerSizes with the data's features and classes give more than <see cref="MlpLimits.MaxParameterCount"/> parameters.</exception>
    /// <exception cref="InvalidOperationException">No rows, a single class, or invalid rows (NaN features, missing labels) that are not to be skipped.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled (<see cref="Options.CancellationToken"/> or <c>mlContext.CancelExecution()</c>).</exception>
    /// <exception cref="ArithmeticException">Training diverged: the loss or gradient became NaN or infinite, or the loss exploded to more than 1000 times the untrained network's; the message names the epoch.</exception>
    public MlpPredictionTransformer Fit(IDataView input) => Fit(input, validationData: null, modelParameters: null);

    /// <summary>
    /// Trains on <paramref name="trainData"/>, measuring <paramref name="validationData"/> (same schema) after every
    /// epoch: the loss and accuracy go into the history, and early stopping and reduce-on-plateau watch them.
    /// </summary>
    public MlpPredictionTransformer Fit(IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return Fit(trainData, validationData, modelParameters: null);
    }

    /// <summary>
    /// Continues training <paramref name="modelParameters"/> on <paramref name="trainData"/> for up to
    /// <see cref="Options.MaximumNumberOfEpochs"/> more epochs: from its weights, its feature standardisation, its
    /// optimizer state, schedule and stopping watches (<see cref="MlpModelParameters.TrainingState"/>), with the same seed
    /// giving the same weights as one uninterrupted run (for CosineDecay and OneCycle, set
    /// <see cref="Options.LearningRateScheduleEpochs"/> to the total in the first part). The features, classes, hidden
    /// layers and optimizer must match.
    /// </summary>
    public MlpPredictionTransformer Fit(IDataView trainData, MlpModelParameters modelParameters)
    {
        ArgumentNullException.ThrowIfNull(modelParameters);
        return Fit(trainData, validationData: null, modelParameters);
    }

    /// <summary>Trains with optional validation data, optionally continuing from <paramref name="modelParameters"/>.</summary>
    public MlpPredictionTransformer Fit(IDataView trainData, IDataView? validationData, MlpModelParameters? modelParameters)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var (features, label, weight) = CheckSchema(trainData.Schema);
        var validationColumns = validationData is null ? default : CheckValidationSchema(validationData.Schema, features, label);
        if (modelParameters is not null) CheckWarmStart(modelParameters, features, label);
        var data = TrainingDataReader.Read(trainData, features, label, weight, _options.SkipInvalidRows);
        if (data.Weights is { } weights && !weights.AsSpan(0, data.Rows).ContainsAnyExcept(0f))
            throw new InvalidOperationException($"All {data.Rows} training rows have weight 0 in ExampleWeight column '{weight!.Value.Name}': no example carries weight, so training would learn nothing. Give some rows a positive weight.");
        ValidationSet? validation = null;
        if (validationData is not null)
        {
            var v = TrainingDataReader.Read(validationData, validationColumns.Features, validationColumns.Label, validationColumns.Weight, _options.SkipInvalidRows, "validation");
            validation = new ValidationSet(v.Features, v.Labels, v.Weights);
        }

        using var channel = _host?.Start("Training");
        if (data.SkippedRows > 0)
            channel?.Info(MessageSensitivity.None, $"Mlp: skipped {data.SkippedRows} invalid training row(s) (SkipInvalidRows is on); training on {data.Rows}.");
        channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Mlp: training {data.FeatureCount}-{string.Join("-", _options.HiddenLayerSizes)}-{data.Classes.Count} on {data.Rows} rows, seed {_seed}" +
            $"{(validation is null ? "" : $", validating on {validation.Rows} rows")}{(modelParameters is null ? "" : $", continuing after epoch {modelParameters.History.Count}")}."));

        int lastEpoch = TrainingState.LastEpoch(modelParameters?.TrainingState?.EpochsCompleted ?? modelParameters?.History.LastOrDefault()?.Epoch ?? 0, _options.MaximumNumberOfEpochs);
        var progress = _options.Progress;
        var callback = _options.EpochCompleted;
        var settings = _options.ToSettings(_seed, report =>
        {
            channel?.Info(MessageSensitivity.None, TrainingLog.Epoch(report, lastEpoch));
            progress?.Report(report);
            callback?.Invoke(report);
        }, IsCanceled);
        OptionMap.ThrowIfInvalid(settings.FindErrorForData(data.FeatureCount, data.Classes.Count));

        var warmStart = modelParameters is null ? null
            : new MlpWarmStart(modelParameters.Network, modelParameters.Standardizer, modelParameters.TrainingState, modelParameters.History);
        var result = MlpEngine.TrainInPlace(data.Features, data.Rows, data.FeatureCount, data.Labels, data.Weights, data.Classes.Count, settings,
            validation: validation, warmStart: warmStart);
        channel?.Info(MessageSensitivity.None, TrainingLog.Stop(result, _options));

        var model = new MlpModelParameters(result.Network, result.Standardizer, data.Classes, result.History, result.StopReason, result.TrainingState, result.BestEpoch);
        return new MlpPredictionTransformer(model, features.Name);
    }

    private bool IsCanceled() =>
        (_host is not null && MlNetInternals.IsCanceled(_host)) || (_environment is not null && MlNetInternals.IsCanceled(_environment));

    private (DataViewSchema.Column Features, DataViewSchema.Column Label, DataViewSchema.Column? Weight) CheckValidationSchema(
        DataViewSchema schema, DataViewSchema.Column trainFeatures, DataViewSchema.Column trainLabel)
    {
        var columns = CheckSchema(schema);
        int expected = ((VectorDataViewType)trainFeatures.Type).Size, actual = ((VectorDataViewType)columns.Features.Type).Size;
        if (expected != actual)
            throw new ArgumentOutOfRangeException("validationData",
                $"Schema mismatch for Features column '{columns.Features.Name}' in the validation data: expected a vector of {expected} Single values (as in the training data), got {actual}.");
        var trainClasses = ClassLabels.FromLabelColumn(trainLabel);
        var validClasses = ClassLabels.FromLabelColumn(columns.Label);
        if (!trainClasses.Names.SequenceEqual(validClasses.Names))
            throw new ArgumentOutOfRangeException("validationData",
                $"Schema mismatch for Label column '{columns.Label.Name}' in the validation data: expected the training data's {trainClasses.Count} classes ({ClassList(trainClasses)}), " +
                $"got {validClasses.Count} ({ClassList(validClasses)}). Map both with the same fitted MapValueToKey, e.g. transform both with the pipeline fitted on the training data.");
        return columns;
    }

    private static void CheckWarmStart(MlpModelParameters model, DataViewSchema.Column features, DataViewSchema.Column label)
    {
        int size = ((VectorDataViewType)features.Type).Size;
        if (model.FeatureCount != size)
            throw new ArgumentException(
                $"The model parameters to continue from take {model.FeatureCount} features, but Features column '{features.Name}' has {size}; warm start needs the same features.", "modelParameters");
        var classes = ClassLabels.FromLabelColumn(label);
        if (!model.Classes.Names.SequenceEqual(classes.Names))
            throw new ArgumentException(
                $"The model parameters to continue from were trained on {model.Classes.Count} classes ({ClassList(model.Classes)}), but Label column '{label.Name}' has {classes.Count} ({ClassList(classes)}); warm start needs the same classes.", "modelParameters");
    }

    private static string ClassList(ClassLabels classes) =>
        string.Join(", ", classes.Names.Take(10)) + (classes.Count > 10 ? ", …" : "");

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
