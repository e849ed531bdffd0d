using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.Cli.Data;

/// <summary>Loads a scanned CSV with ML.NET's TextLoader: numbers as Single (empty → NaN), text as String.</summary>
internal static class CsvLoader
{
    /// <summary>
    /// Columns typed by the scan; the label is text, so numeric and text labels map to classes alike, unless
    /// <paramref name="labelAsNumber"/> (a regression target).
    /// </summary>
    public static IDataView LoadForTraining(MLContext ml, CsvScan scan, string labelColumn, bool labelAsNumber = false) =>
        Load(ml, scan.Path, scan.Columns.Select(c => new TextLoader.Column(c.Name, ColumnKind(c, labelColumn, labelAsNumber), c.Index)));

    /// <summary>How a training column is read: numbers as Single, the rest (and a class label) as text.</summary>
    public static DataKind ColumnKind(CsvColumn column, string labelColumn, bool labelAsNumber) =>
        column.Name == labelColumn ? (labelAsNumber ? DataKind.Single : DataKind.String) : column.IsNumeric ? DataKind.Single : DataKind.String;

    /// <summary>
    /// Columns typed as the saved model's input schema says. A column the model needs but the file lacks is an error,
    /// except the label when <paramref name="optionalColumn"/> names it (predict needs no label).
    /// </summary>
    public static IDataView LoadForModel(MLContext ml, CsvScan scan, DataViewSchema modelInput, string? optionalColumn)
    {
        var columns = new List<TextLoader.Column>();
        foreach (var column in modelInput)
        {
            if (column.IsHidden) continue;
            var found = scan.Find(column.Name);
            if (found is null)
            {
                if (column.Name == optionalColumn) continue;
                throw new CliException($"Column '{column.Name}', which the model was trained with, is not in {scan.Path}.");
            }
            var kind = column.Type == NumberDataViewType.Single ? DataKind.Single : DataKind.String;
            columns.Add(new TextLoader.Column(column.Name, kind, found.Index));
        }
        return Load(ml, scan.Path, columns);
    }

    private static IDataView Load(MLContext ml, string path, IEnumerable<TextLoader.Column> columns) =>
        ml.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true,
            Separators = [','],
            AllowQuoting = true,
            ReadMultilines = true,   // a quoted field may hold line breaks (RFC 4180), as CsvRecordReader reads them
            TrimWhitespace = true,
            MissingRealsAsNaNs = true,
            Columns = columns.ToArray(),
        }).Load(path);
}
