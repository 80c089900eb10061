namespace HealthProbe.State;

/// <summary>
/// The rise/fall state machine of one node, pure and without I/O or time: <see cref="Rise"/> consecutive
/// successes make it Up, <see cref="Fall"/> consecutive failures make it Down, anything less changes
/// nothing. That hysteresis is what keeps a flapping node from flapping the answers.
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
}
