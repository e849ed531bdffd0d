using System.Reflection;
using Microsoft.ML;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// The view a transformer of ours returns, seen by ML.NET's ONNX converter as one of its own exportable transforms
/// (the internal <c>ITransformCanSaveOnnx</c>, which <see cref="MlNetInternals.OnnxExportable"/> makes this proxy
/// implement). Data calls go to the wrapped view unchanged; <c>Source</c> is the transformer's input, so the converter
/// walks on to the steps before; <c>SaveAsOnnx</c> first checks that every step before can be exported too (ML.NET
/// would otherwise stop there with a warning and make the step's outputs graph inputs), then writes our nodes.
/// Not sealed and with a public constructor because <see cref="DispatchProxy"/> derives the proxy type from it.
/// </summary>
internal class OnnxExportableView : DispatchProxy
{
    private IDataView _view = null!;
    private IDataView _source = null!;
    private IOnnxExportable _exporter = null!;

    internal void Initialize(IDataView view, IDataView source, IOnnxExportable exporter)
    {
        _view = view;
        _source = source;
        _exporter = exporter;
    }

    /// <summary>Dispatches the interface's members (IDataView, IDataTransform, ICanSaveModel, the ONNX ones).</summary>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        return targetMethod.Name switch
        {
            "get_Schema" => _view.Schema,
            "get_CanShuffle" => _view.CanShuffle,
            "GetRowCount" => _view.GetRowCount(),
            "GetRowCursor" => _view.GetRowCursor((IEnumerable<DataViewSchema.Column>)args[0]!, (Random?)args[1]),
            "GetRowCursorSet" => _view.GetRowCursorSet((IEnumerable<DataViewSchema.Column>)args[0]!, (int)args[1]!, (Random?)args[2]),
            "get_Source" => _source,
            "CanSaveOnnx" => true,
            "SaveAsOnnx" => SaveAsOnnx(args[0]!),
            "Save" => throw new NotSupportedException(
                "This view is the output of an MLP transformer; save the transformer (mlContext.Model.Save), not the view."),
            _ => throw new NotSupportedException($"{targetMethod.DeclaringType?.Name}.{targetMethod.Name} is not supported by MLP output views."),
        };
    }

    private object? SaveAsOnnx(object context)
    {
        OnnxPipelineCheck.ThrowIfUpstreamNotExportable(_source, context);
        _exporter.SaveAsOnnx(new OnnxGraph(context));
        return null;
    }
}
