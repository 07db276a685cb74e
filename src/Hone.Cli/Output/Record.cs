namespace Hone.Cli.Output;

/// <summary>One result to print: named fields in order. A field holds a scalar (string, bool, integer, double,
/// time, duration, null), a list of scalars, or a nested <see cref="Record"/>; JSON keeps the nesting, while tables
/// and CSV flatten it into columns such as <c>params_x</c> and <c>values_0</c>, the names Optuna users know from
/// its data frames.</summary>
internal sealed class Record
{
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    public IReadOnlyList<KeyValuePair<string, object?>> Fields => _fields;

    public Record Add(string name, object? value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Returns the flat columns of the record: nested records and lists joined to their field's name with
    /// an underscore.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Flatten() => Flatten(string.Empty, this);

    private static IEnumerable<KeyValuePair<string, object?>> Flatten(string prefix, Record record)
    {
        foreach (var (name, value) in record._fields)
        {
            string column = prefix.Length == 0 ? name : prefix + "_" + name;
            switch (value)
            {
                case Record nested:
                    foreach (var inner in Flatten(column, nested))
                    {
                        yield return inner;
                    }

                    break;
                case IReadOnlyList<double> list:
                    for (int i = 0; i < list.Count; i++)
                    {
                        yield return new(column + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            list[i]);
                    }

                    break;
                default:
                    yield return new(column, value);
                    break;
            }
        }
    }
}
