namespace HealthProbe.State;

/// <summary>A node's health as judged from consecutive probe results.</summary>
public enum HealthState
{
    /// <summary>Not yet confirmed either way; counts as healthy so a new node is served at once.</summary>
    Unknown,

    Up,

    Down,
}
