using HealthProbe.Probes;

namespace HealthProbe.State;

/// <summary>
/// The rise/fall state machine of one node, pure and without I/O or time: <see cref="Rise"/> consecutive
/// successes make it Up, <see cref="Fall"/> consecutive failures make it Down, anything less changes
/// nothing. That hysteresis is what keeps a flapping node from flapping the answers. It also decides how
/// soon the next probe should come (<see cref="Next"/>): evidence decides when a change is confirmed,
/// never how many results confirm it.
/// </summary>
public sealed class RiseFallTracker
{
    /// <param name="rise">Consecutive successes that make the node Up.</param>
    /// <param name="fall">Consecutive failures that make the node Down.</param>
    /// <param name="initial">
    /// The state to start from: Unknown for a new node; the node's current state when its checking starts
    /// over (new settings), so a Down node still needs <paramref name="rise"/> successes to be served again.
    /// </param>
    public RiseFallTracker(int rise, int fall, HealthState initial = HealthState.Unknown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        if (!Enum.IsDefined(initial))
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "not a health state");
        Rise = rise;
        Fall = fall;
        State = initial;
    }

    public int Rise { get; }

    public int Fall { get; }

    public HealthState State { get; private set; }

    public int ConsecutiveSuccesses { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    /// <summary>Records one result; returns the new state when it changed, else null.</summary>
    public HealthState? Observe(bool success)
    {
        if (success)
        {
            ConsecutiveSuccesses++;
            ConsecutiveFailures = 0;
            if (State != HealthState.Up && ConsecutiveSuccesses >= Rise)
                return State = HealthState.Up;
        }
        else
        {
            ConsecutiveFailures++;
            ConsecutiveSuccesses = 0;
            if (State != HealthState.Down && ConsecutiveFailures >= Fall)
                return State = HealthState.Down;
        }
        return null;
    }

    /// <summary>
    /// True when <paramref name="success"/> points away from the current state (a failure while not Down,
    /// a success while Down): the next probe should come soon, to confirm or dismiss the change.
    /// </summary>
    public bool Disagrees(bool success) => success ? State == HealthState.Down : State != HealthState.Down;

    /// <summary>
    /// The scheduling decision after a result that has been observed: a result that agrees with the state
    /// needs no confirmation; one that points away from it is confirmed at once when its evidence is
    /// definitive (a refused connection, an unexpected status, an expected answer), and after the recheck
    /// delay when it is ambiguous (a timeout). Either way Rise/Fall results are still needed to change the
    /// state, so a single result of any kind never changes it (with Rise and Fall above one).
    /// </summary>
    public NextProbe Next(bool success, Evidence evidence) =>
        !Disagrees(success) ? NextProbe.AfterInterval
        : evidence == Evidence.Definitive ? NextProbe.AtOnce
        : NextProbe.AfterRecheck;
}
