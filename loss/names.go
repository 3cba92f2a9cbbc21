package loss

import (
	"fmt"
	"strings"
)

// Canonical loss-method names (spec loss_methods.md §1.2, plus cce for
// classification, §8).
const (
	SQE     = "sqe"
	ABSE    = "abse"
	Huber   = "huber"
	LogCosh = "logcosh"
	BCE     = "bce"
	Poisson = "poisson"
	ZTAE    = "ztae"
	ZPTAE   = "zptae"
	CCE     = "cce"
)

// kind identifies a loss method. The zero kind is sqe, so the zero Method is
// squared error (the SDK's fallback for an empty loss_method).
type kind uint8

const (
	kindSQE kind = iota
	kindABSE
	kindHuber
	kindLogCosh
	kindBCE
	kindPoisson
	kindZTAE
	kindZPTAE
	kindCCE
)

// kindNames maps kinds to canonical names.
var kindNames = [...]string{
	kindSQE:     SQE,
	kindABSE:    ABSE,
	kindHuber:   Huber,
	kindLogCosh: LogCosh,
	kindBCE:     BCE,
	kindPoisson: Poisson,
	kindZTAE:    ZTAE,
	kindZPTAE:   ZPTAE,
	kindCCE:     CCE,
}

// lookupKind maps a normalised name or alias to its kind (spec §1.2; the cce
// aliases are this library's).
func lookupKind(name string) (kind, bool) {
	switch name {
	case "sqe", "mse", "squared_error", "se":
		return kindSQE, true
	case "abse", "mae", "absolute_error", "ae":
		return kindABSE, true
	case "huber", "huber_loss":
		return kindHuber, true
	case "logcosh", "log_cosh", "logcosh_loss":
		return kindLogCosh, true
	case "bce", "binary_cross_entropy", "bce_loss":
		return kindBCE, true
	case "poisson", "poisson_loss":
		return kindPoisson, true
	case "ztae", "ztae_loss", "z_transformed_absolute_error":
		return kindZTAE, true
	case "zptae", "zptae_loss", "z_power_tanh_absolute_error":
		return kindZPTAE, true
	case "cce", "categorical_cross_entropy", "cce_loss":
		return kindCCE, true
	}
	return 0, false
}

// Canonical returns the canonical name of a loss-method name or alias: the
// name is trimmed of surrounding white space and lower-cased (spec §1.2). An
// empty name is sqe, the SDK's fallback for a topic without loss_method.
// Unknown names return an error wrapping ErrUnknownMethod.
func Canonical(name string) (string, error) {
	k, err := parseKind(name)
	if err != nil {
		return "", err
	}
	return kindNames[k], nil
}

func parseKind(name string) (kind, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		return kindSQE, nil
	}
	k, ok := lookupKind(n)
	if !ok {
		return 0, fmt.Errorf("%w: %q (supported: %s)", ErrUnknownMethod, name, strings.Join(kindNames[:], ", "))
	}
	return k, nil
}

// RequiresExplicitParameters reports whether a method cannot be built from
// its name alone because it needs a caller-supplied std (ztae, zptae; the
// SDK's requires_explicit_loss_fn). Unknown names report false.
func RequiresExplicitParameters(name string) bool {
	k, err := parseKind(name)
	return err == nil && (k == kindZTAE || k == kindZPTAE)
}
