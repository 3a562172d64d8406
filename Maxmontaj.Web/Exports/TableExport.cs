using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Maxmontaj.Web.Exports;

/// <summary>
/// Writes a table as CSV (UTF-8 with BOM, semicolons, as Russian Excel opens it) or XLSX, row by row.
/// Text that a spreadsheet would take for a formula is neutralised (<see cref="Neutralise"/>) in both formats; numbers, dates
/// and money stay numbers.
/// </summary>
public static class TableExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(';', headers.Select(Escape)));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(';', row.Select(v => Escape(v is string text ? Neutralise(text) : Format(v)))));
        }
    }

    /// <summary>The workbook is built in a temporary file (a zip cannot be written forward-only) and then copied to the response.</summary>
    public static async Task WriteXlsxAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"maxmontaj-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await Task.Run(() =>
            {
                var sheet = rows.ToBlockingEnumerable(cancellationToken).Select(row =>
                {
                    var line = new Dictionary<string, object?>(headers.Count);
                    for (var i = 0; i < headers.Count; i++)
                    {
                        line[headers[i]] = row[i] is string text ? Neutralise(text) : row[i];
                    }

                    return line;
                });
                MiniExcel.SaveAs(path, sheet);
            }, cancellationToken);
            await using var file = File.OpenRead(path);
            await file.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// OWASP's CSV injection rule: text that starts with =, +, -, @, a tab or a carriage return gets a leading single quote, so
    /// Excel and LibreOffice show it as text instead of running it (=HYPERLINK, =cmd|...). Only text values are touched, so a
    /// negative number stays a number; a phone such as "+7 910 …" is text and is neutralised too ("'+7 910 …"), which is
    /// the price of not guessing which texts are safe.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset d => d.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.GetCultureInfo("ru-RU")),
        decimal d => d.ToString("0.##", CultureInfo.GetCultureInfo("ru-RU")),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string text) =>
        text.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
}
