using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.Cli.Data;

/// <summary>Loading a test file with the training file's column types, matched by name.</summary>
internal static class TestFileLoader
{
    public static IDataView LoadLike(MLContext ml, CsvScan train, CsvScan test, string labelColumn, bool labelAsNumber = false)
    {
        var columns = train.Columns.Select(c => new TextLoader.Column(c.Name, CsvLoader.ColumnKind(c, labelColumn, labelAsNumber),
            (test.Find(c.Name) ?? throw new CliException($"Column '{c.Name}' of {train.Path} is not in {test.Path}.")).Index)).ToArray();
        return ml.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true, Separators = [','], AllowQuoting = true, ReadMultilines = true, TrimWhitespace = true, MissingRealsAsNaNs = true, Columns = columns,
        }).Load(test.Path);
    }

    public static long CountRows(IDataView data)
    {
        long rows = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext()) rows++;
        return rows;
    }
}
