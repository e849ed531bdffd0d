using System.Text;

namespace NeuralNet.Cli.Data;

/// <summary>
/// Reads CSV records as RFC 4180 writes them: fields separated by commas; a field in double quotes may hold commas,
/// doubled quotes ("") and line breaks, so one record may span several lines. Blank lines between records are skipped.
/// Fields are trimmed, as ML.NET's loader trims them.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, string path)
{
    private int _line;

    /// <summary>The line the last record returned by <see cref="Next"/> starts on (1-based).</summary>
    public int Line { get; private set; }

    /// <summary>The next record's fields, or null at the end of the file.</summary>
    public List<string>? Next()
    {
        string? text = reader.ReadLine();
        _line++;
        while (text is not null && text.Trim().Length == 0)
        {
            text = reader.ReadLine();
            _line++;
        }
        if (text is null) return null;
        Line = _line;

        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        while (true)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { fields.Add(field.ToString().Trim()); field.Clear(); }
                else field.Append(c);
            }
            if (!quoted) break;
            // A quoted field goes on past the end of the line: the line break is part of the value.
            text = reader.ReadLine();
            _line++;
            if (text is null)
                throw new CliException($"{path} line {Line}: a quoted field opened on this line is never closed (a \" is missing).");
            field.Append('\n');
        }
        fields.Add(field.ToString().Trim());
        return fields;
    }
}
