using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using NeuralNet.MLExtensions.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// What the three MLP trainers (multiclass, binary, regression) share: the options checked up front, the seed, the
/// schema checks, reading the data, the engine run and the model. Each trainer is a thin public face over one of these.
/// </summary>
internal sealed partial class MlpTrainerCore
{
    private const string ComponentName = "Mlp";
    private readonly MlpOptionsBase _options;
    private readonly IHost? _host;
    private readonly IHostEnvironment? _environment;

    public MlpTrainerCore(IHostEnvironment? environment, MlpOptionsBase options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        RequireName(nameof(MlpOptionsBase.LabelColumnName), _options.LabelColumnName);
        RequireName(nameof(MlpOptionsBase.FeatureColumnName), _options.FeatureColumnName);
        if (_options.ExampleWeightColumnName is { Length: 0 })
            throw new ArgumentOutOfRangeException(nameof(MlpOptionsBase.ExampleWeightColumnName), _options.ExampleWeightColumnName,
                "ExampleWeightColumnName must be null (no weights) or a column name; got an empty string.");
        _environment = environment;
        _host = environment?.Register(ComponentName);
        if (!Enum.IsDefined(_options.Preset))
            throw new ArgumentOutOfRangeException(nameof(MlpOptionsBase.Preset), _options.Preset, $"Preset must be Tabular or Classic; got {_options.Preset}.");
        if (!Enum.IsDefined(_options.DataPath))
            throw new ArgumentOutOfRangeException(nameof(MlpOptionsBase.DataPath), _options.DataPath, $"DataPath must be Auto, InMemory or Streaming; got {_options.DataPath}.");
        if (_options.MaximumInMemoryBytes < 0)
            throw new ArgumentOutOfRangeException(nameof(MlpOptionsBase.MaximumInMemoryBytes), _options.MaximumInMemoryBytes,
                $"MaximumInMemoryBytes must be at least 0 (0 streams all data when DataPath is Auto); got {_options.MaximumInMemoryBytes}.");
        Seed = _options.Seed ?? _host?.Rand.Next() ?? MlpDefaults.Seed;
        OptionMap.ThrowIfInvalid(_options.ToSettings(Seed).FindError());
    }

    public int Seed { get; }
    public MlpTask Task => _options.Task;
    public MlpOptionsBase Options => _options;

    public MlpPredictionTransformer Fit(IDataView trainData, IDataView? validationData, MlpModelParameters? modelParameters)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var (features, label, weight) = CheckSchema(trainData.Schema);
        var validationColumns = validationData is null ? default : CheckValidationSchema(validationData.Schema, features, label);
        if (modelParameters is not null) WarmStartChecks.Check(modelParameters, Task, features, label);
        var warmStart = modelParameters is null ? null
            : new MlpWarmStart(modelParameters.Network, modelParameters.Standardizer, modelParameters.TrainingState, modelParameters.History)
            { TargetStandardizer = modelParameters.TargetStandardizer };
        int lastEpoch = TrainingState.LastEpoch(modelParameters?.TrainingState?.EpochsCompleted ?? modelParameters?.History.LastOrDefault()?.Epoch ?? 0, _options.MaximumNumberOfEpochs);

        using var channel = _host?.Start("Training");
        var path = DataPathChoice.Choose(_options, trainData, features, label);
        var (result, classes) = path.Streams
            ? TrainStreaming(trainData, features, label, weight, validationData is null ? null : ReadValidation(validationData, validationColumns), warmStart, channel, lastEpoch, path)
            : TrainInMemory(trainData, features, label, weight, validationData, validationColumns, warmStart, channel, lastEpoch, path.Rows);
        channel?.Info(MessageSensitivity.None, TrainingLog.Stop(result, _options));

        var model = new MlpModelParameters(result.Network, result.Standardizer, classes, result.History, result.StopReason, result.TrainingState, result.BestEpoch,
            result.TargetStandardizer);
        return new MlpPredictionTransformer(model, features.Name);
    }

    private (MlpTrainingResult Result, ClassLabels Classes) TrainInMemory(IDataView trainData, DataViewSchema.Column features, DataViewSchema.Column label,
        DataViewSchema.Column? weight, IDataView? validationData, (DataViewSchema.Column Features, DataViewSchema.Column Label, DataViewSchema.Column? Weight) validationColumns,
        MlpWarmStart? warmStart, IChannel? channel, int lastEpoch, long? knownRows)
    {
        var data = TrainingDataReader.Read(trainData, features, label, weight, _options.SkipInvalidRows, task: Task, knownRows: knownRows);
        if (data.Weights is { } weights && !weights.AsSpan(0, data.Rows).ContainsAnyExcept(0f))
            throw new InvalidOperationException($"All {data.Rows} training rows have weight 0 in ExampleWeight column '{weight!.Value.Name}': no example carries weight, so training would learn nothing. Give some rows a positive weight.");
        var validation = validationData is null ? null : ReadValidation(validationData, validationColumns);

        if (data.SkippedRows > 0)
            channel?.Info(MessageSensitivity.None, $"Mlp: skipped {data.SkippedRows} invalid training row(s) (SkipInvalidRows is on); training on {data.Rows}.");
        LogStart(channel, data.FeatureCount, data.Classes.Count, data.Rows, validation, warmStart);

        bool heldOutDropped = false;
        var options = validation is not null ? _options.ForValidationData()
            : _options.ForTrainingRows(data.Labels.AsSpan(0, data.Rows), data.Classes.Count, out heldOutDropped);
        var settings = SettingsFor(options, channel, lastEpoch, data.Rows, heldOutDropped);
        OptionMap.ThrowIfInvalid(settings.FindErrorForData(data.FeatureCount, data.Classes.Count));
        var result = MlpEngine.TrainInPlace(data.Features, data.Rows, data.FeatureCount, data.Labels, data.Weights, data.Classes.Count, settings,
            validation: validation, warmStart: warmStart, targets: data.Targets);
        return (result, data.Classes);
    }

    private ValidationSet ReadValidation(IDataView validationData,
        (DataViewSchema.Column Features, DataViewSchema.Column Label, DataViewSchema.Column? Weight) columns)
    {
        var v = TrainingDataReader.Read(validationData, columns.Features, columns.Label, columns.Weight, _options.SkipInvalidRows, "validation", Task);
        return v.Targets is { } t ? ValidationSet.ForRegression(v.Features, t, v.Weights) : new ValidationSet(v.Features, v.Labels, v.Weights);
    }

    private void LogStart(IChannel? channel, int featureCount, int classCount, long rows, ValidationSet? validation, MlpWarmStart? warmStart)
    {
        string outputs = Task == MlpTask.Multiclass ? classCount.ToString(CultureInfo.InvariantCulture) : $"1 ({Task})";
        channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Mlp: training {featureCount}-{string.Join("-", _options.HiddenLayerSizes)}-{outputs} on {rows} rows, seed {Seed}" +
            $"{(validation is null ? "" : $", validating on {validation.Rows} rows")}{(warmStart is null ? "" : $", continuing after epoch {warmStart.History.Count}")}."));
    }

    /// <summary>The engine settings for <paramref name="options"/> (after the preset's data rules), with the log, Progress and callback wired in.</summary>
    private MlpTrainingSettings SettingsFor(MlpOptionsBase options, IChannel? channel, int lastEpoch, long rows, bool heldOutDropped)
    {
        if (heldOutDropped)
            channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                $"Mlp: the preset's ValidationFraction {_options.ValidationFraction} would hold out fewer than {MlpOptionsBase.MinimumPresetHeldOutRows} of the {rows} rows; training on all of them, stopping on the training loss."));
        if (options.EnsembleSize != _options.EnsembleSize || options.BatchSize != _options.BatchSize)
            channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                $"Mlp: {rows} rows are more than the preset's {MlpPresetValues.For(_options.Preset).LargeDataRows} for an ensemble; training a single network with batches of {options.BatchSize} (set EnsembleSize and BatchSize to choose)."));
        var progress = _options.Progress;
        var callback = _options.EpochCompleted;
        return options.ToSettings(Seed, report =>
        {
            channel?.Info(MessageSensitivity.None, TrainingLog.Epoch(report, lastEpoch));
            progress?.Report(report);
            callback?.Invoke(report);
        }, IsCanceled);
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
        if (Task != MlpTask.Multiclass) return columns;
        var trainClasses = ClassLabels.FromLabelColumn(trainLabel);
        var validClasses = ClassLabels.FromLabelColumn(columns.Label);
        if (!trainClasses.Names.SequenceEqual(validClasses.Names))
            throw new ArgumentOutOfRangeException("validationData",
                $"Schema mismatch for Label column '{columns.Label.Name}' in the validation data: expected the training data's {trainClasses.Count} classes ({WarmStartChecks.ClassList(trainClasses)}), " +
                $"got {validClasses.Count} ({WarmStartChecks.ClassList(validClasses)}). Map both with the same fitted MapValueToKey, e.g. transform both with the pipeline fitted on the training data.");
        return columns;
    }

    /// <summary>The input schema followed by the task's score columns; checks the label, features and weight columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = SchemaChecks.RequireShapeColumn(inputSchema, "Label", _options.LabelColumnName);
        LabelChecks.Check(Task, label.Name, label.Kind == SchemaShape.Column.VectorKind.Scalar ? label.ItemType : null, label.IsKey, SchemaChecks.Describe(label));
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
        foreach (var column in Scoring.ScoreSchema.Shape(Task, keyValueType)) columns[column.Name] = column;
        return new SchemaShape(columns.Values);
    }

    private (DataViewSchema.Column Features, DataViewSchema.Column Label, DataViewSchema.Column? Weight) CheckSchema(DataViewSchema schema)
    {
        var label = SchemaChecks.RequireColumn(schema, "Label", _options.LabelColumnName);
        LabelChecks.Check(Task, label.Name, label.Type is VectorDataViewType ? null : label.Type, label.Type is KeyDataViewType, SchemaChecks.Describe(label.Type));
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
