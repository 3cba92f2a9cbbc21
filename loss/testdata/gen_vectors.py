#!/usr/bin/env python3
"""Generate high-precision test vectors for package loss.

Run from this directory:  python3 gen_vectors.py > vectors.csv

Every expected value is computed with mpmath at 600 significant digits from
the defining formula of shared/spec/loss_methods.md (no stable rewrites: the
high precision absorbs the cancellation) and printed with 45 significant
digits. The Go test (vectors_test.go) rounds it to 34 digits and requires the
library's result to be within one unit in the last place.

Columns: method, options ("key=value;..." in loss.Options JSON names),
truth, pred, want. Method "log10" rows check Method.Transform (log space, SDK
zero policy) with truth = the loss and pred unused.

Inputs come from a seeded generator (deterministic output) plus hand-picked
hard cases (tiny errors, near-equal z-scores, cancellation in poisson,
large arguments).
"""
import random
from mpmath import mp, mpf, log, cosh, tanh, log10, fabs

mp.dps = 600
rng = random.Random(20241024)


def num(digits, lo_exp, hi_exp, sign=True):
    """A random decimal string with `digits` significant digits."""
    m = rng.randrange(10 ** (digits - 1), 10 ** digits)
    e = rng.randint(lo_exp, hi_exp) - (digits - 1)
    s = f"{m}e{e}"
    if sign and rng.random() < 0.5:
        s = "-" + s
    return s


def unit(digits=12):
    """A random decimal in [0, 1]."""
    return f"0.{rng.randrange(0, 10 ** digits):0{digits}d}"


def near(x, rel_exp):
    """x perturbed by about 10^rel_exp relative (as a string)."""
    d = mpf(x) * mpf(10) ** rel_exp * (rng.randrange(1, 10 ** 6) / mpf(10 ** 6))
    return mp.nstr(mpf(x) + d, 60, strip_zeros=True, min_fixed=-1000, max_fixed=1000)


def fmt(x):
    if fabs(x) < mpf(10) ** -400:
        return "0"  # below the decimal core's range: results flush to zero
    return mp.nstr(x, 45, strip_zeros=False, min_fixed=1, max_fixed=0)


def sqe(y, p, o):
    return (y - p) ** 2


def abse(y, p, o):
    return fabs(y - p)


def huber(y, p, o):
    d = mpf(o.get("delta", "1"))
    e = fabs(y - p)
    return e * e / 2 if e <= d else d * (e - d / 2)


def logcosh(y, p, o):
    return log(cosh(p - y))


def bce(y, p, o):
    eps = mpf(o.get("epsilon", "1e-15"))
    q = min(max(p, eps), 1 - eps)
    return -(y * log(q) + (1 - y) * log(1 - q))


def cce(y, p, o):
    eps = mpf(o.get("epsilon", "1e-15"))
    if y == 0:
        return mpf(0)
    return -y * log(max(p, eps))


def poisson(y, p, o):
    eps = mpf(o.get("epsilon", "1e-7"))
    q = max(p, eps)
    return q - y * log(q)


def z(x, o):
    return (x - mpf(o.get("mean", "0"))) / mpf(o["std"])


def ztae(y, p, o):
    return fabs(tanh(z(y, o)) - tanh(z(p, o)))


def zptae(y, p, o):
    a = mpf(o.get("alpha", "0.25"))
    b = mpf(o.get("beta", "2"))
    c = mpf(o.get("mse_norm", "0.01"))
    g = mpf(o.get("gamma", "4"))

    def pt(x):
        if x == 0:
            return mpf(0)
        return x / (1 + fabs(x) ** b) ** ((1 - a) / b)

    zy, zp = z(y, o), z(p, o)
    return fabs(pt(zy) - pt(zp)) + (c * fabs(zp - zy)) ** g


METHODS = dict(sqe=sqe, abse=abse, huber=huber, logcosh=logcosh, bce=bce,
               cce=cce, poisson=poisson, ztae=ztae, zptae=zptae)


def opts_str(o):
    return ";".join(f"{k}={v}" for k, v in sorted(o.items()))


rows = []


def case(method, o, y, p):
    v = METHODS[method](mpf(y), mpf(p), o)
    rows.append((method, opts_str(o), y, p, fmt(v)))


# Generic real-valued methods: random magnitudes, and near-equal pairs.
for method in ("sqe", "abse", "huber", "logcosh"):
    for _ in range(40):
        o = {}
        if method == "huber" and rng.random() < 0.5:
            o["delta"] = num(3, -2, 2, sign=False)
        y = num(rng.randint(1, 20), -6, 6)
        p = num(rng.randint(1, 20), -6, 6) if rng.random() < 0.6 else near(y, -rng.randint(1, 25))
        if method == "logcosh":
            y = num(rng.randint(1, 18), -8, 2)
            p = num(rng.randint(1, 18), -8, 2) if rng.random() < 0.6 else near(y, -rng.randint(1, 12))
        case(method, o, y, p)
# logcosh hand-picked: tiny, around the |e| = 1 switch, large.
for y, p in [("0", "1e-30"), ("0", "1.5e-12"), ("0", "0.999999999999"), ("0", "1"),
             ("0", "1.000000000001"), ("2", "-3"), ("0", "37.5"), ("0", "460.25"),
             ("0", "1000"), ("1e5", "-1e5")]:
    case("logcosh", {}, y, p)

# bce: soft and hard labels, clamped predictions.
for _ in range(40):
    o = {"epsilon": rng.choice(["1e-15", "1e-7", "0.01"])} if rng.random() < 0.3 else {}
    y = rng.choice(["0", "1", unit()])
    p = rng.choice(["0", "1", unit(), "1e-20", "0.99999999999999999999", unit(18)])
    case("bce", o, y, p)

# cce terms.
for _ in range(20):
    case("cce", {}, rng.choice(["1", unit()]), rng.choice([unit(), "0", "1e-30"]))

# poisson, including deep cancellation: y close to q/ln q.
for _ in range(30):
    y = num(rng.randint(1, 15), -3, 3, sign=False)
    p = rng.choice([num(rng.randint(1, 15), -3, 3, sign=False), "0", "1e-9"])
    case("poisson", {}, y, p)
for q in ["3", "7.25", "1.5", "123.456"]:  # q > 1 so that y = q/ln q > 0
    qq = mpf(q)
    for k in (10, 20, 30):
        y = mp.nstr(qq / log(qq), k, strip_zeros=True, min_fixed=-100, max_fixed=100)
        case("poisson", {}, y, q)

# ztae / zptae: random parameters, near-equal and same-sign large z-scores.
for method in ("ztae", "zptae"):
    for _ in range(40):
        o = {"std": num(rng.randint(1, 6), -3, 1, sign=False)}
        if rng.random() < 0.5:
            o["mean"] = num(rng.randint(1, 6), -3, 0)
        if method == "zptae" and rng.random() < 0.4:
            o.update(alpha=rng.choice(["0.5", "0.1", "1", "0.75"]), beta=rng.choice(["1", "2", "3", "0.5"]),
                     mse_norm=rng.choice(["0.1", "0", "0.01"]), gamma=rng.choice(["2", "4", "1.5"]))
        y = num(rng.randint(1, 15), -4, 1)
        if rng.random() < 0.5:
            p = num(rng.randint(1, 15), -4, 1)
        else:
            p = near(y, -rng.randint(1, 30))
        case(method, o, y, p)
for y, p, s in [("5", "6", "0.1"), ("-5", "-6", "0.1"), ("30", "30.000001", "1"), ("100", "101", "1"),
                ("0.001", "0.001000000000000000001", "0.01"), ("1e3", "-1e3", "1"), ("300", "301", "1")]:
    case("ztae", {"std": s}, y, p)
    case("zptae", {"std": s}, y, p)
case("zptae", {"std": "1"}, "1e80", "-2e80")

# log10 report of raw losses.
for _ in range(30):
    l = num(rng.randint(1, 34), -35, 35, sign=False)
    rows.append(("log10", "", l, "0", fmt(log10(mpf(l)))))

print("method,options,truth,pred,want")
for r in rows:
    print(",".join(r))
