using System.Globalization;

namespace Tradeproof.Trade.Twins;

/// <summary>
/// The pure projection of events onto a twin: no I/O, no clock. <see cref="Project"/> builds a twin from a
/// stream; <see cref="Apply"/> adds one event. The result does not depend on arrival order: events are
/// ordered by event time, ties broken by event id (ordinal); an event that lands before the end of the
/// timeline replays the fold. A repeated event id is idempotent when the content is the same and a reported
/// <see cref="TwinIssueCodes.EventIdConflict"/> (the first kept) when it differs.
/// </summary>
public static class TwinProjector
{
    private static readonly Comparison<TwinEvent> TimelineOrder = (a, b) =>
    {
        var byTime = a.Time.CompareTo(b.Time);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    };

    /// <summary>The twin of <paramref name="twinId"/> from the events that name it (others are skipped).</summary>
    public static TwinState Project(string twinId, IEnumerable<TwinEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = new TwinState(twinId);
        foreach (var e in events)
        {
            if (Names(e, twinId))
            {
                Admit(state, e);
            }
        }

        state.Events.Sort(TimelineOrder);
        Replay(state);
        return state;
    }

    /// <summary>Adds one event to the twin (which it must name) and returns the same, updated twin.</summary>
    public static TwinState Apply(TwinState state, TwinEvent twinEvent)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(twinEvent);
        if (!Names(twinEvent, state.Id))
        {
            throw new ArgumentException($"Event {twinEvent.Id} does not name twin {state.Id}.", nameof(twinEvent));
        }

        if (!Admit(state, twinEvent))
        {
            return state;
        }

        // Admit appended it; move it to its place in the timeline.
        var events = state.Events;
        events.RemoveAt(events.Count - 1);
        var index = events.BinarySearch(twinEvent, Comparer<TwinEvent>.Create(TimelineOrder));
        index = index < 0 ? ~index : index;
        events.Insert(index, twinEvent);
        if (index == events.Count - 1)
        {
            Fold(state, twinEvent);
        }
        else
        {
            Replay(state);
        }

        return state;
    }

    private static bool Names(TwinEvent e, string twinId)
    {
        foreach (var subject in e.SubjectIds)
        {
            if (string.Equals(subject, twinId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Duplicate handling: true when the event is new and was appended.
    private static bool Admit(TwinState state, TwinEvent e)
    {
        if (state.EventsById.TryGetValue(e.Id, out var existing))
        {
            if (!ReferenceEquals(existing, e) && !existing.SameContentAs(e))
            {
                state.IdConflicts.Add(new TwinIssue(
                    TwinIssueCodes.EventIdConflict,
                    $"event {e.Id} was received twice with different content (from {Describe(existing.Source)} and {Describe(e.Source)}); the first is kept",
                    [e.Id]));
            }

            return false;
        }

        state.EventsById.Add(e.Id, e);
        state.Events.Add(e);
        return true;
    }

    private static void Replay(TwinState state)
    {
        state.ClearDerived();
        foreach (var e in state.Events)
        {
            Fold(state, e);
        }
    }

    private static void Fold(TwinState state, TwinEvent e)
    {
        if (e.Source.Issuer is { } issuer && state.IssuersSeen.Add(issuer))
        {
            state.IssuersList.Add(issuer);
        }

        var p = e.Payload;
        switch (e.Type)
        {
            case TwinEventType.Described:
                Describe(state, e, p);
                break;
            case TwinEventType.OriginClaimed:
                if (p.Country is not null)
                {
                    Claim(state, p.OriginKind ?? OriginKinds.CountryOfOrigin, p.Country, e);
                }

                break;
            case TwinEventType.CustodyTransferred:
                Transfer(state, e, custody: true);
                break;
            case TwinEventType.OwnershipTransferred:
                Transfer(state, e, custody: false);
                break;
            case TwinEventType.Located:
                state.Location = p.Location ?? state.Location;
                state.LocationStatus = p.Status ?? state.LocationStatus;
                break;
            case TwinEventType.InBondMoved:
                state.InBond = new TwinInBond(p.Reference ?? state.InBond?.Reference, p.Status, p.Location, e.Time);
                state.Location = p.Location ?? state.Location;
                state.LocationStatus = p.Status is null ? state.LocationStatus : "in-bond " + p.Status;
                break;
            case TwinEventType.Reading:
                Read(state, e, p);
                break;
            case TwinEventType.Transformed:
                foreach (var input in p.Inputs ?? [])
                {
                    if (!state.InputsList.Contains(input))
                    {
                        state.InputsList.Add(input);
                    }
                }

                break;
            case TwinEventType.Declared:
                state.DeclarationsList.Add(new TwinDeclaration(p.Status, p.Reference, p.DeclaredValue, p.Currency, p.Country, e.Time, e.Id));
                if (p.Country is not null)
                {
                    Claim(state, OriginKinds.CountryOfOrigin, p.Country, e);
                }

                break;
            default:
                break;
        }
    }

    private static void Describe(TwinState state, TwinEvent e, TwinEventPayload p)
    {
        if (p.Description is not null && !state.DescriptionsList.Contains(p.Description))
        {
            state.DescriptionsList.Add(p.Description);
        }

        if (p.HsCode is not null)
        {
            var digits = Digits(p.HsCode);
            if (!state.HsCodesList.Exists(c => Digits(c) == digits))
            {
                var clash = state.HsCodesList.Find(c => !SameHeading(c, p.HsCode));
                state.HsCodesList.Add(p.HsCode);
                if (clash is not null)
                {
                    state.FoldIssues.Add(new TwinIssue(
                        TwinIssueCodes.HsCodeConflict,
                        $"{Describe(e.Source)} classifies the good as {p.HsCode}, another source as {clash} (different headings)",
                        [e.Id]));
                }
            }
        }

        foreach (var attribute in p.Attributes ?? [])
        {
            if (!state.AttributesList.Contains(attribute))
            {
                state.AttributesList.Add(attribute);
            }
        }

        if (p.Quantity is { } quantity && state.Quantity is null)
        {
            state.Quantity = quantity;
            state.Unit = p.Unit;
        }

        // A producer's description opens both chains: the producer holds custody and ownership of what it made.
        if (p.To is { } holder)
        {
            state.Custodian ??= holder;
            state.Owner ??= holder;
            if (p.Quantity is { } produced)
            {
                if (state.CustodyLedger.SameUnit(p.Unit))
                {
                    state.CustodyLedger.Receive(holder.Key, produced, p.Unit);
                }

                if (state.OwnershipLedger.SameUnit(p.Unit))
                {
                    state.OwnershipLedger.Receive(holder.Key, produced, p.Unit);
                }
            }
        }
    }

    private static void Claim(TwinState state, string kind, string country, TwinEvent e)
    {
        var normalized = country.Trim().ToUpperInvariant();
        if (!state.OriginsSeen.Add((kind, normalized, e.Source.Issuer)))
        {
            return;
        }

        var clash = state.OriginsList.Find(c => c.Kind == kind && c.Country != normalized);
        state.OriginsList.Add(new TwinOriginClaim(kind, normalized, e.Source.Issuer, e.Id));
        if (clash is not null)
        {
            state.FoldIssues.Add(new TwinIssue(
                TwinIssueCodes.OriginConflict,
                $"{kind}: {Describe(e.Source)} claims {normalized}, {clash.Claimant ?? "another source"} claimed {clash.Country} (event {clash.EventId})",
                [clash.EventId, e.Id]));
        }
    }

    private static void Transfer(TwinState state, TwinEvent e, bool custody)
    {
        var p = e.Payload;
        if (p.To is null)
        {
            return;
        }

        var chain = custody ? state.CustodyList : state.OwnershipList;
        var ledger = custody ? state.CustodyLedger : state.OwnershipLedger;
        var holder = custody ? state.Custodian : state.Owner;
        var what = custody ? "custody" : "ownership";
        var brokenCode = custody ? TwinIssueCodes.CustodyChainBroken : TwinIssueCodes.OwnershipChainBroken;
        chain.Add(new TwinTransfer(p.From, p.To, p.Quantity, p.Unit, e.Time, e.Id));

        if (p.From is { } from)
        {
            if (p.Quantity is { } quantity)
            {
                if (!ledger.SameUnit(p.Unit))
                {
                    state.FoldIssues.Add(new TwinIssue(
                        TwinIssueCodes.UnitMismatch,
                        $"{what} transfer {e.Id} counts in {p.Unit}, the chain in {ledger.Unit}: not balanced",
                        [e.Id]));
                }
                else if (!ledger.IsOpen)
                {
                    // No production known: the first sender is taken to hold what it sends.
                    ledger.Receive(from.Key, quantity, p.Unit);
                    ledger.Send(from.Key, quantity);
                    ledger.Receive(p.To.Key, quantity, p.Unit);
                }
                else
                {
                    if (!ledger.Holds(from.Key))
                    {
                        state.FoldIssues.Add(new TwinIssue(
                            brokenCode,
                            $"{from} transfers {what} of {Format(quantity)} {p.Unit} to {p.To} but never received any (event {e.Id})",
                            [e.Id]));
                    }
                    else if (quantity > ledger.BalanceOf(from.Key))
                    {
                        var balance = ledger.BalanceOf(from.Key);
                        state.FoldIssues.Add(new TwinIssue(
                            TwinIssueCodes.Oversold,
                            $"{from} transfers {what} of {Format(quantity)} {ledger.Unit} to {p.To} but holds {Format(balance)} (oversold by {Format(quantity - balance)}; event {e.Id})",
                            [e.Id]));
                    }

                    ledger.Send(from.Key, quantity);
                    ledger.Receive(p.To.Key, quantity, p.Unit);
                }
            }
            else if (ledger.Holds(from.Key) && ledger.BalanceOf(from.Key) > 0)
            {
                // No quantity: the sender passes on all it holds (a whole lot or shipment).
                var all = ledger.BalanceOf(from.Key);
                ledger.Send(from.Key, all);
                ledger.Receive(p.To.Key, all, ledger.Unit);
            }
            else if (holder is not null && holder.Key != from.Key)
            {
                state.FoldIssues.Add(new TwinIssue(
                    brokenCode,
                    $"{from} transfers {what} to {p.To} but {holder} held it (event {e.Id})",
                    [e.Id]));
            }
        }

        if (custody)
        {
            state.Custodian = p.To;
        }
        else
        {
            state.Owner = p.To;
        }

        if (p.Location is not null)
        {
            state.Location = p.Location;
            state.LocationStatus = p.Status ?? state.LocationStatus;
        }
    }

    private static void Read(TwinState state, TwinEvent e, TwinEventPayload p)
    {
        if (p.Measurement is not { } m)
        {
            return;
        }

        state.ReadingsList.Add(new TwinReading(e.Time, m, p.Location, e.Id));
        if (p.Location is not null)
        {
            state.Location = p.Location;
        }

        if (m.IsOutOfRange)
        {
            state.FoldIssues.Add(new TwinIssue(
                TwinIssueCodes.ReadingOutOfRange,
                $"{m.Name} {Format(m.Value)} {m.Unit} at {e.Time.ToString("u", CultureInfo.InvariantCulture)} is outside the allowed range [{(m.Minimum is { } min ? Format(min) : "-")}, {(m.Maximum is { } max ? Format(max) : "-")}] (event {e.Id})",
                [e.Id]));
        }
    }

    private static string Digits(string code) => new([.. code.Where(char.IsAsciiDigit)]);

    private static bool SameHeading(string a, string b)
    {
        var x = Digits(a);
        var y = Digits(b);
        return x.Length >= 4 && y.Length >= 4 ? x.AsSpan(0, 4).SequenceEqual(y.AsSpan(0, 4)) : x == y;
    }

    private static string Describe(TwinEventSource source) =>
        source.CredentialId is { } id ? $"{source.CredentialType ?? "credential"} {id}" + (source.Issuer is { } i ? $" by {i}" : "") : source.Kind + " event";

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
