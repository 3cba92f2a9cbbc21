package sim

import "errors"

var (
	// ErrScenario reports a scenario that fails validation.
	ErrScenario = errors.New("sim: invalid scenario")
	// ErrDone reports a Step after the last epoch.
	ErrDone = errors.New("sim: scenario finished")
)
