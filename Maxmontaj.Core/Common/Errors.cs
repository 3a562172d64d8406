namespace Maxmontaj.Core.Common;

/// <summary>An expected failure: a stable code that the Web layer turns into a localized message, and the field it concerns.</summary>
public sealed record Error(string Code, string? Field = null);

/// <summary>The outcome of a command: success, or the expected errors that stopped it (nothing was saved).</summary>
public class Result
{
    protected Result(IReadOnlyList<Error> errors) => Errors = errors;

    public IReadOnlyList<Error> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static Result Success() => new([]);

    public static Result Failure(params Error[] errors) => new(errors);
}

/// <summary>A result that carries a value on success.</summary>
public sealed class Result<T> : Result
{
    private Result(T? value, IReadOnlyList<Error> errors) : base(errors) => Value = value;

    public T? Value { get; }

    public static Result<T> Success(T value) => new(value, []);

    public static new Result<T> Failure(params Error[] errors) => new(default, errors);

    public static implicit operator Result<T>(T value) => Success(value);
}

/// <summary>The current user may not perform the action or see the data. Mapped to 403 or an access message.</summary>
public sealed class ForbiddenAccessException(string? message = null) : Exception(message ?? "Forbidden");

/// <summary>The requested entity does not exist, or the current user may not know that it does.</summary>
public sealed class NotFoundException(string entity, object key) : Exception($"{entity} '{key}' was not found");
