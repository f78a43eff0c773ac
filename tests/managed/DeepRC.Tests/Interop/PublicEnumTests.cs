using DeepRC.Interop;

namespace DeepRC.Tests.Interop;

/// <summary>
/// The public enums are defined from the generated native constants, so values cannot drift; this
/// checks they also cover every native member (a constant added to deeprc.h must be surfaced).
/// </summary>
public class PublicEnumTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(TypeId), typeof(drc_type_id) },
        { typeof(TimeUnit), typeof(drc_time_unit) },
        { typeof(StatusCode), typeof(drc_status_code) },
        { typeof(AggFunc), typeof(drc_agg_func) },
        { typeof(JoinType), typeof(drc_join_type) },
        { typeof(JoinAlgorithm), typeof(drc_join_algorithm) },
        { typeof(Keep), typeof(drc_keep) },
        { typeof(ArrowFormat), typeof(drc_ipc_format) },
        { typeof(ArrowCompression), typeof(drc_compression) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void PublicEnumMirrorsEveryNativeValue(Type managed, Type native)
    {
        var managedValues = Enum.GetValues(managed).Cast<object>().Select(Convert.ToInt32).Order().ToArray();
        var nativeValues = Enum.GetValues(native).Cast<object>().Select(Convert.ToInt32).Order().ToArray();
        Assert.Equal(nativeValues, managedValues);
    }
}
