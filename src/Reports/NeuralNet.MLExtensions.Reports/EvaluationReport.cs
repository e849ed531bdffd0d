using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Files;
using NeuralNet.MLExtensions.Reports.Analysis;
using NeuralNet.MLExtensions.Reports.Charts;
using NeuralNet.MLExtensions.Reports.Rendering;

namespace NeuralNet.MLExtensions.Reports;

/// <summary>
/// An evaluation of a trained pipeline on test data, for each of the MLP's tasks (<see cref="Task"/>): the MLP's summary,
/// ML.NET's metrics and training curves, and per task: multiclass, per-class precision, recall and F1, the confusion
/// matrix and a reliability diagram; binary, ROC and precision-recall curves, the confusion matrix at a threshold, a
/// threshold table and a reliability diagram; regression, predicted against actual, residual histogram and residuals
/// against predicted. Every headline metric comes from ML.NET's evaluator for the task. Write it as one self-contained
/// HTML file (<see cref="WriteHtml"/>), Markdown with PNGs beside it (<see cref="WriteMarkdown"/>) or JSON numbers
/// (<see cref="WriteJson"/>).
/// </summary>
public sealed class EvaluationReport
{
    private IReadOnlyList<ReportChart>? _charts;
    private MulticlassClassificationMetrics? _mlNetMetrics;
    private ReportMetrics? _metrics;
    private CalibrationSummary? _calibration;

    private EvaluationReport(string title, MlpTask task, ModelDescription? model, IReadOnlyList<EpochReport> history)
    {
        Title = title;
        Task = task;
        Model = model;
        History = history;
    }

    /// <summary>
    /// Scores <paramref name="testData"/> with <paramref name="model"/> and gathers everything the report shows. The task
    /// is the MLP's when the pipeline contains one, otherwise read from the scored schema (Score's ScoreColumnKind).
    /// </summary>
    /// <param name="mlContext">The context to evaluate with.</param>
    /// <param name="model">A fitted pipeline ending in a scorer: multiclass (Score vector, PredictedLabel), binary (Score,
    /// Probability, PredictedLabel) or regression (Score); the MLP's summary and curves are included when the pipeline
    /// contains an MLP.</param>
    /// <param name="testData">Raw test data, as the pipeline takes it.</param>
    /// <param name="labelColumnName">The label column of the scored data as ML.NET's evaluator reads it: multiclass a key
    /// or Single class indices, binary a Boolean, regression a Single; usually the pipeline's "Label".</param>
    /// <param name="options">What else to include; null for the defaults.</param>
    /// <exception cref="ArgumentException">The scored data lacks the label or Score column, or the label's type does
    /// not fit the task; or <see cref="EvaluationReportOptions.Baseline"/>'s output columns do not fit the task (e.g. a binary
    /// baseline without Probability).</exception>
    public static EvaluationReport Create(MLContext mlContext, ITransformer model, IDataView testData, string labelColumnName = "Label",
        EvaluationReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(testData);
        ArgumentException.ThrowIfNullOrEmpty(labelColumnName);
        options ??= new EvaluationReportOptions();
        options.Validate();

        var parts = PipelineParts.Of(model);
        var mlp = parts.Mlp?.Model;
        var scored = model.Transform(testData);
        var task = TaskDetector.Detect(mlp, scored.Schema);
        var report = new EvaluationReport(options.Title, task, mlp is null ? null : ModelDescriber.Describe(mlp, options.TrainingOptions),
            mlp?.History ?? [])
        {
            TopFeatures = options.TopFeatures,
            Baseline = options.Baseline is null ? null : BaselineEvaluation.Evaluate(mlContext, task, options.Baseline, testData, labelColumnName, options),
        };
        report = task switch
        {
            MlpTask.Regression => report.WithRegression(mlContext, scored, labelColumnName),
            MlpTask.Binary => report.WithBinary(mlContext, scored, labelColumnName, options),
            _ => report.WithMulticlass(mlContext, parts, scored, labelColumnName, options),
        };
        // After the task's metrics, so that a wrong label is reported by the report's own checks, not from inside ML.NET's PFI.
        if (options.PermutationFeatureImportance && parts.Mlp is not null)
            report.FeatureImportance = PermutationImportance.Compute(mlContext, parts, testData, labelColumnName, task, options);
        return report;
    }

    private EvaluationReport WithMulticlass(MLContext ml, PipelineParts parts, IDataView scored, string label,
        EvaluationReportOptions options)
    {
        var metrics = MetricsReader.Evaluate(ml, scored, label, options.TopKPredictionCount);
        var names = ClassNames.Read(scored.Schema, MetricsReader.ScoreColumn, metrics.ConfusionMatrix.NumberOfClasses, parts.Mlp?.Model);
        return new EvaluationReport(Title, Task, Model, History)
        {
            TopFeatures = TopFeatures,
            MlNetMetrics = metrics,
            Metrics = MetricsReader.Summarize(metrics),
            Classes = MetricsReader.PerClass(metrics.ConfusionMatrix, names),
            ConfusionCounts = MetricsReader.Counts(metrics.ConfusionMatrix),
            Calibration = CalibrationAnalysis.Compute(scored, label, options.CalibrationBins),
            Baseline = Baseline,
        };
    }

    private EvaluationReport WithRegression(MLContext ml, IDataView scored, string label)
    {
        var (actual, predicted) = ScoredRows.Regression(scored, label);
        var m = ml.Regression.Evaluate(scored, label, MetricsReader.ScoreColumn);
        return new EvaluationReport(Title, Task, Model, History)
        {
            TopFeatures = TopFeatures,
            Regression = new RegressionSummary(m.RootMeanSquaredError, m.MeanAbsoluteError, m.RSquared, m.MeanSquaredError, actual.Length),
            RegressionRows = (actual, predicted),
            Baseline = Baseline,
        };
    }

    private EvaluationReport WithBinary(MLContext ml, IDataView scored, string label, EvaluationReportOptions options)
    {
        var (positive, probability) = ScoredRows.Binary(scored, label);
        var m = ml.BinaryClassification.Evaluate(scored, label, MetricsReader.ScoreColumn, ScoredRows.ProbabilityColumn, MetricsReader.PredictedLabelColumn);
        var binary = BinaryAnalysis.Summarize(m, positive, probability, options.BinaryThreshold);
        var at = binary.Thresholds.Single(t => t.Threshold == options.BinaryThreshold);
        long[][] counts = [[at.TrueNegatives, at.FalsePositives], [at.FalseNegatives, at.TruePositives]];
        return new EvaluationReport(Title, Task, Model, History)
        {
            TopFeatures = TopFeatures,
            Binary = binary,
            Classes = MetricsReader.PerClass(counts, ["false", "true"]),
            ConfusionCounts = counts,
            Calibration = CalibrationAnalysis.ComputeBinary(positive, probability, options.CalibrationBins),
            Baseline = Baseline,
        };
    }

    /// <summary>The report's heading.</summary>
    public string Title { get; }
    /// <summary>What the model predicts, which decides the report's sections.</summary>
    public MlpTask Task { get; }
    /// <summary>Multiclass: the metrics as ML.NET's evaluator returned them.</summary>
    /// <exception cref="InvalidOperationException">The report is not multiclass (see <see cref="Task"/>; read <see cref="Binary"/> or <see cref="Regression"/>).</exception>
    public MulticlassClassificationMetrics MlNetMetrics { get => Multiclass(_mlNetMetrics); private init => _mlNetMetrics = value; }
    /// <summary>Multiclass: the headline metrics (taken from <see cref="MlNetMetrics"/>).</summary>
    /// <exception cref="InvalidOperationException">The report is not multiclass (see <see cref="Task"/>; read <see cref="Binary"/> or <see cref="Regression"/>).</exception>
    public ReportMetrics Metrics { get => Multiclass(_metrics); private init => _metrics = value; }
    /// <summary>Binary: ML.NET's metrics, the ROC and precision-recall curves and the threshold table; otherwise null.</summary>
    public BinarySummary? Binary { get; private init; }
    /// <summary>Regression: ML.NET's RMSE, MAE and R²; otherwise null.</summary>
    public RegressionSummary? Regression { get; private init; }
    /// <summary>Per-class precision, recall, F1 and support, in class order (binary: false, true, at
    /// <see cref="EvaluationReportOptions.BinaryThreshold"/>); empty for regression.</summary>
    public IReadOnlyList<ClassMetrics> Classes { get; private init; } = [];
    /// <summary>Confusion counts: [actual class][predicted class], in the order of <see cref="Classes"/>; empty for regression.</summary>
    public IReadOnlyList<IReadOnlyList<long>> ConfusionCounts { get; private init; } = [];
    /// <summary>Reliability bins and the expected calibration error (multiclass: top probability; binary: Probability).</summary>
    /// <exception cref="InvalidOperationException">The report is regression, which has no probabilities to calibrate.</exception>
    public CalibrationSummary Calibration
    {
        get => _calibration ?? throw new InvalidOperationException($"Calibration is for classifiers; this report is {Task}. Check Task before reading it.");
        private init => _calibration = value;
    }
    /// <summary>The MLP's layers and training, or null when the pipeline has no MLP.</summary>
    public ModelDescription? Model { get; }
    /// <summary>The MLP's training history (empty without an MLP).</summary>
    public IReadOnlyList<EpochReport> History { get; }
    /// <summary>Permutation feature importance (multiclass: fall in micro accuracy; binary: fall in AUC; regression: rise in
    /// RMSE), most important first, or null when it was not asked for or the pipeline has no MLP.</summary>
    public IReadOnlyList<FeatureImportance>? FeatureImportance { get; private set; }
    /// <summary>The baseline's metrics for the report's task, or null without a baseline.</summary>
    public BaselineResult? Baseline { get; private init; }

    /// <summary>The calibration, or null for regression (for the renderers, which must not throw).</summary>
    internal CalibrationSummary? CalibrationOrNull => _calibration;

    private T Multiclass<T>(T? value) where T : class => value ?? throw new InvalidOperationException(
        $"MlNetMetrics and Metrics hold multiclass metrics; this report is {Task}: read {(Task == MlpTask.Binary ? "Binary" : "Regression")} instead.");

    /// <summary>Regression: the label and prediction of each test row, for the charts.</summary>
    internal (double[] Actual, double[] Predicted) RegressionRows { get; private init; } = ([], []);

    internal int TopFeatures { get; private init; }

    /// <summary>The charts, rendered once on first use.</summary>
    internal IReadOnlyList<ReportChart> Charts => _charts ??= ReportCharts.Render(this);

    /// <summary>The report as one self-contained HTML document (images embedded as base64 PNG).</summary>
    public string ToHtml() => HtmlRenderer.Render(this);

    /// <summary>The report's numbers as JSON (snake_case names).</summary>
    public string ToJson() => JsonRenderer.Render(this);

    /// <summary>Writes <see cref="ToHtml"/> to <paramref name="path"/> (through a temporary file, so no half-written file is left).</summary>
    public void WriteHtml(string path) => AtomicFile.WriteAllText(path, ToHtml());

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    public void WriteJson(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>
    /// Writes the report as Markdown to <paramref name="path"/>, with its charts as PNG files in a folder named after
    /// the file (<c>report.md</c> → <c>report_images/</c>), linked relatively. A failure leaves no partial folder.
    /// </summary>
    public void WriteMarkdown(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string folderName = Path.GetFileNameWithoutExtension(full) + "_images";
        string folder = Path.Combine(Path.GetDirectoryName(full)!, folderName);
        AtomicFile.WriteWithFolder(full, MarkdownRenderer.Render(this, folderName), folder, Charts.Select(c => (c.Id + ".png", c.Png)));
    }
}
