namespace Paginate.Gateway.Circuits;

/// <summary>
/// The fail-fast state of one upstream origin: closed (counting failed requests in a row), open until the
/// cool-down ends, or half-open (one probe call in flight, every other call refused). Thread-safe.
/// </summary>
internal sealed class OriginCircuit
{
    // While the probe runs, the others come back in a second: its first upstream answer decides.
    private static readonly TimeSpan ProbeRetryAfter = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _threshold;
    private readonly TimeSpan _coolDown;
    private int _failures;
    private State _state;
    private DateTimeOffset _openUntil;

    public OriginCircuit(TimeProvider time, int threshold, TimeSpan coolDown)
    {
        _time = time;
        _threshold = threshold;
        _coolDown = coolDown;
    }

    private enum State
    {
        Closed,
        Open,
        Probing,
    }

    /// <summary>True while the circuit refuses calls (open or half-open).</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _state != State.Closed;
            }
        }
    }

    /// <summary>Lets a call through, makes it the probe after the cool-down, or refuses it.</summary>
    public CircuitPass Enter()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case State.Closed:
                    return CircuitPass.Free;
                case State.Open:
                    var now = _time.GetUtcNow();
                    if (now < _openUntil)
                    {
                        return CircuitPass.Refused(_openUntil - now);
                    }

                    _state = State.Probing;
                    return CircuitPass.Probe(this);
                default:
                    return CircuitPass.Refused(ProbeRetryAfter);
            }
        }
    }

    /// <summary>One upstream request ended; <paramref name="failed"/>: no answer, or 502/503/504.</summary>
    public CircuitChange Report(bool failed)
    {
        lock (_gate)
        {
            if (!failed)
            {
                _failures = 0;
                if (_state == State.Closed)
                {
                    return CircuitChange.None;
                }

                _state = State.Closed;
                return CircuitChange.Closed;
            }

            _failures++;
            if ((_state == State.Closed && _failures >= _threshold) || _state == State.Probing)
            {
                _state = State.Open;
                _openUntil = _time.GetUtcNow() + _coolDown;
                return CircuitChange.Opened;
            }

            // Open: requests of calls that started before it opened still end; they change nothing.
            return CircuitChange.None;
        }
    }

    /// <summary>The probe call ended; when none of its requests reported, the next call probes.</summary>
    public void ProbeEnded()
    {
        lock (_gate)
        {
            if (_state == State.Probing)
            {
                _state = State.Open;
                _openUntil = _time.GetUtcNow();
            }
        }
    }
}
