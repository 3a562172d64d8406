using System.Buffers.Binary;
using System.Text;

namespace Maxmontaj.Load;

/// <summary>
/// Reads the parts of a Blazor render batch the harness needs, in the layout blazor.web.js reads (RenderBatchWriter): the
/// trailer's five offsets, the diffs (component id, 16-byte edits), the 20-byte reference frames and the string table.
/// </summary>
public sealed class RenderBatch
{
    private const int PrependFrame = 1;
    private const int Element = 1;
    private const int Attribute = 3;
    private const int Component = 4;

    private readonly byte[] _data;
    private readonly int _stringTable;
    private readonly int _frames;

    public RenderBatch(byte[] data)
    {
        _data = data;
        var end = data.Length;
        _frames = Int(end - 16) + 4;
        _stringTable = Int(end - 4);
    }

    /// <summary>True when <paramref name="text"/> (UTF-8) occurs anywhere in the batch: its string table holds what is new.</summary>
    public static bool Contains(byte[] data, byte[] text) => data.AsSpan().IndexOf(text) >= 0;

    /// <summary>
    /// Walks every subtree the batch inserts (PrependFrame edits) with the component that renders it: each element with its
    /// attributes (name → value or event handler id) and the child components inside it.
    /// </summary>
    public IEnumerable<InsertedElement> InsertedElements()
    {
        var diffs = Int(_data.Length - 20);
        var count = Int(diffs);
        for (var d = 0; d < count; d++)
        {
            var diff = Int(diffs + 4 + (4 * d));
            var componentId = Int(diff);
            var edits = Int(diff + 4);
            for (var e = 0; e < edits; e++)
            {
                var edit = diff + 8 + (16 * e);
                if (Int(edit) != PrependFrame)
                {
                    continue;
                }

                var index = Int(edit + 8);
                foreach (var element in Walk(componentId, index, Length(index)))
                {
                    yield return element;
                }
            }
        }
    }

    private IEnumerable<InsertedElement> Walk(int componentId, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            var frame = _frames + (20 * i);
            if (Int(frame) != Element)
            {
                continue;
            }

            var subtree = Int(frame + 4);
            var attributes = new Dictionary<string, string?>();
            var handlers = new Dictionary<string, ulong>();
            var children = new List<int>();
            for (var j = i + 1; j < i + subtree; j++)
            {
                var child = _frames + (20 * j);
                var type = Int(child);
                if (type == Attribute && j == i + 1 + attributes.Count + handlers.Count)
                {
                    var name = String(Int(child + 4)) ?? "";
                    var handler = BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(child + 12));
                    if (handler != 0)
                    {
                        handlers[name] = handler;
                    }
                    else
                    {
                        attributes[name] = String(Int(child + 8));
                    }
                }
                else if (type == Component)
                {
                    children.Add(Int(child + 8));
                }
            }

            yield return new InsertedElement(componentId, attributes, handlers, children);
        }
    }

    private int Length(int index)
    {
        var frame = _frames + (20 * index);
        return Int(frame) is Element or Component or 5 ? Int(frame + 4) : 1;
    }

    private string? String(int index)
    {
        if (index < 0)
        {
            return null;
        }

        var at = Int(_stringTable + (4 * index));
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = _data[at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(_data, at, length);
    }

    private int Int(int at) => BinaryPrimitives.ReadInt32LittleEndian(_data.AsSpan(at));
}

/// <summary>An element a batch inserts, with the component that renders it.</summary>
public sealed record InsertedElement(int ComponentId, Dictionary<string, string?> Attributes, Dictionary<string, ulong> Handlers, List<int> ChildComponents);
