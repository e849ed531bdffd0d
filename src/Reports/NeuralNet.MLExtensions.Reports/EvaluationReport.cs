using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Files;
using NeuralNet.MLExtensions.Reports.Analysis;
using NeuralNet.MLExtensions.Reports.Charts;
using NeuralNet.MLExtensions.Reports.Rendering;

namespace NeuralNet.MLExtensions.Reports;

/// <summary>
/// An evaluation of a trained pipeline on test data: the MLP's summary, ML.NET's metrics with per-class precision,
/// recall and F1, the confusion matrix, training curves, a reliability diagram and, optionally, permutation feature
/// importance and a baseline. Every metric comes from <c>MulticlassClassification.Evaluate</c>. Write it as one
/// self-contained HTML file (<see cref="WriteHtml"/>), Markdown with PNGs beside it (<see cref="WriteMarkdown"/>) or
/// JSON numbers (<see cref="WriteJson"/>).
/// </summary>
public sealed class EvaluationReport
{
    private IReadOnlyList<ReportChart>? _charts;

    private EvaluationReport(string title, MulticlassClassificationMetrics mlNetMetrics, IReadOnlyList<ClassMetrics> classes,
        long[][] confusion, CalibrationSummary calibration, ModelDescription? model, IReadOnlyList<EpochReport> history,
        IReadOnlyList<FeatureImportance>? importance, int topFeatures, BaselineResult? baseline)
    {
        Title = title;
        MlNetMetrics = mlNetMetrics;
        Metrics = MetricsReader.Summarize(mlNetMetrics);
        Classes = classes;
        ConfusionCounts = confusion;
        Calibration = calibration;
        Model = model;
        History = history;
        FeatureImportance = importance;
        TopFeatures = topFeatures;
        Baseline = baseline;
    }

    /// <summary>
    /// Scores <paramref name="testData"/> with <paramref name="model"/> and gathers everything the report shows.
    /// </summary>
    /// <param name="mlContext">The context to evaluate with.</param>
    /// <param name="model">A fitted pipeline ending in a multiclass scorer (Score and PredictedLabel columns); the MLP's
    /// summary and curves are included when the pipeline contains an MLP.</param>
    /// <param name="testData">Raw test data, as the pipeline takes it.</param>
    /// <param name="labelColumnName">The label column of the scored data as ML.NET's evaluator reads it (a key, or
    /// Single class indices), usually the pipeline's "Label".</param>
    /// <param name="options">What else to include; null for the defaults.</param>
    /// <exception cref="ArgumentException">The scored data lacks the label or Score column.</exception>
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
        var metrics = MetricsReader.Evaluate(mlContext, scored, labelColumnName, options.TopKPredictionCount);
        var names = ClassNames.Read(scored.Schema, MetricsReader.ScoreColumn, metrics.ConfusionMatrix.NumberOfClasses, mlp);
        var calibration = CalibrationAnalysis.Compute(scored, labelColumnName, options.CalibrationBins);
        var importance = options.PermutationFeatureImportance && parts.Mlp is not null
            ? PermutationImportance.Compute(mlContext, parts, testData, labelColumnName, options)
            : null;
        BaselineResult? baseline = options.Baseline is null ? null : new BaselineResult(options.BaselineName,
            MetricsReader.Summarize(MetricsReader.Evaluate(mlContext, options.Baseline.Transform(testData), labelColumnName, options.TopKPredictionCount)));

        return new EvaluationReport(options.Title, metrics, MetricsReader.PerClass(metrics.ConfusionMatrix, names),
            MetricsReader.Counts(metrics.ConfusionMatrix), calibration,
            mlp is null ? null : ModelDescriber.Describe(mlp, options.TrainingOptions), mlp?.History ?? [],
            importance, options.TopFeatures, baseline);
    }

    /// <summary>The report's heading.</summary>
    public string Title { get; }
    /// <summary>The metrics as ML.NET's evaluator returned them.</summary>
    public MulticlassClassificationMetrics MlNetMetrics { get; }
    /// <summary>The headline metrics (taken from <see cref="MlNetMetrics"/>).</summary>
    public ReportMetrics Metrics { get; }
    /// <summary>Per-class precision, recall, F1 and support, in class order.</summary>
    public IReadOnlyList<ClassMetrics> Classes { get; }
    /// <summary>Confusion counts: [actual class][predicted class], in the order of <see cref="Classes"/>.</summary>
    public IReadOnlyList<IReadOnlyList<long>> ConfusionCounts { get; }
    /// <summary>Reliability bins and the expected calibration error.</summary>
    public CalibrationSummary Calibration { get; }
    /// <summary>The MLP's layers and training, or null when the pipeline has no MLP.</summary>
    public ModelDescription? Model { get; }
    /// <summary>The MLP's training history (empty without an MLP).</summary>
    public IReadOnlyList<EpochReport> History { get; }
    /// <summary>Permutation feature importance, most important first, or null when it was not asked for.</summary>
    public IReadOnlyList<FeatureImportance>? FeatureImportance { get; }
    /// <summary>The baseline's metrics, or null without a baseline.</summary>
    public BaselineResult? Baseline { get; }

    internal int TopFeatures { get; }

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
