namespace Maxmontaj.Core.Common;

/// <summary>One page of a server-side paged list and the total count of matching rows.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
