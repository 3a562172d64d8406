using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;

namespace Maxmontaj.Core.Orders;

/// <summary>Field rules of the create and edit dialogs, checked on the server for every save.</summary>
internal static class OrderValidation
{
    public const int MaxName = 200;
    public const int MaxAddress = 500;
    public const int MaxText = 4000;
    public const int MaxNote = 500;

    public static List<Error> Validate(OrderEditModel model, DateTimeOffset now, bool scheduleChanged)
    {
        var errors = new List<Error>();
        model.CustomerName = model.CustomerName?.Trim() ?? "";
        model.Address = model.Address?.Trim() ?? "";
        model.Description = string.IsNullOrWhiteSpace(model.Description) ? null : model.Description.Trim();
        model.InternalNotes = string.IsNullOrWhiteSpace(model.InternalNotes) ? null : model.InternalNotes.Trim();

        if (model.CustomerName.Length == 0)
        {
            errors.Add(OrderErrors.CustomerNameRequired);
        }
        else if (model.CustomerName.Length > MaxName)
        {
            errors.Add(OrderErrors.TextTooLong(nameof(OrderEditModel.CustomerName)));
        }

        var phone = PhoneFormat.Normalize(model.ContactPhone);
        if (phone is null)
        {
            errors.Add(OrderErrors.PhoneInvalid);
        }
        else
        {
            model.ContactPhone = phone;
        }

        if (model.Address.Length == 0)
        {
            errors.Add(OrderErrors.AddressRequired);
        }
        else if (model.Address.Length > MaxAddress)
        {
            errors.Add(OrderErrors.TextTooLong(nameof(OrderEditModel.Address)));
        }

        if (model.WorkTypeId <= 0)
        {
            errors.Add(OrderErrors.WorkTypeRequired);
        }

        if (model.Description?.Length > MaxText)
        {
            errors.Add(OrderErrors.TextTooLong(nameof(OrderEditModel.Description)));
        }

        if (model.InternalNotes?.Length > MaxText)
        {
            errors.Add(OrderErrors.TextTooLong(nameof(OrderEditModel.InternalNotes)));
        }

        if (model.ScheduledStart is { } start)
        {
            model.ScheduledEnd ??= OrderTiming.VisitEnd(start, model.EstimatedMinutes);
            if (scheduleChanged && start < now)
            {
                errors.Add(OrderErrors.VisitInPast);
            }

            if (model.ScheduledEnd <= start)
            {
                errors.Add(OrderErrors.VisitEndBeforeStart);
            }
        }
        else
        {
            model.ScheduledEnd = null;
        }

        if (model.EstimatedMinutes is < 1 or > 60 * 24 * 14)
        {
            errors.Add(OrderErrors.DurationInvalid);
        }

        if (model.PriceEstimate < 0)
        {
            errors.Add(OrderErrors.PriceNegative);
        }

        if (model.FinalPrice < 0)
        {
            errors.Add(OrderErrors.FinalPriceNegative);
        }

        return errors;
    }
}
