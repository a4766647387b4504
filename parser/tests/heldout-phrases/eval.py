#!/usr/bin/env python3
"""Held-out number-phrase evaluation for `bulletin figures`.

usage: eval.py [BULLETIN_BINARY] [--tsv phrases.tsv] [--failures FILE]

Each phrase is written to its own file in a temp dir and the CLI is run ONCE on the
directory (`bulletin figures -f jsonl DIR`). Scores:

  value precision = reported figures whose (value, value_max, unit) match an
                    expected row of the same phrase / all reported figures
                    (any figure on a trap phrase is wrong)
  recall          = expected rows matched / expected rows

Matching is one-to-one within a phrase. Values compare with relative tolerance 1e-9,
except repeating fractions (分之 rows whose value is not a short decimal) which compare
to 4 significant digits. value_max must match the same way (both empty counts as equal).
Units compare exactly, except that null/"" are equal. Kind, text, approx are NOT scored
here (reported as side information: text-exact rate among matches).
"""
import csv, json, math, os, subprocess, sys, tempfile, collections, argparse

HERE = os.path.dirname(os.path.abspath(__file__))


def sig4(x):
    return float(f'{x:.4g}')


def close(a, b, loose=False):
    if a is None or b is None:
        return a is None and b is None
    if loose:
        return sig4(a) == sig4(b)
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def is_repeating(v):
    # a value with more than 6 decimals, e.g. 33.333333333333336 (1/3 as percent)
    return v is not None and abs(v * 1e6 - round(v * 1e6)) > 1e-3


TIME_UNITS = {'月', '小时', '工作日', '星期', '钟头'}


def norm_unit(u):
    """null == ''; the classifier 个 before a time unit is not part of the unit (个月 == 月)."""
    if not u:
        return None
    if u.startswith('个') and u[1:] in TIME_UNITS:
        return u[1:]
    return u


def fnum(s):
    return None if s in ('', None) else float(s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('binary', nargs='?', default=os.environ.get('BULLETIN', os.path.join(HERE, '../../../target/release/bulletin')))
    ap.add_argument('--tsv', default=os.path.join(HERE, 'phrases.tsv'))
    ap.add_argument('--failures', default=None, help='write per-phrase failures here (default: stdout summary only)')
    args = ap.parse_args()

    phrases = collections.OrderedDict()   # pid -> dict(phrase, category, expected=[...])
    with open(args.tsv, encoding='utf-8') as f:
        for r in csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE):
            p = phrases.setdefault(r['phrase_id'], dict(phrase=r['phrase'], category=r['category'], expected=[]))
            if r['text'] or r['value']:
                p['expected'].append(dict(text=r['text'], value=fnum(r['value']), value_max=fnum(r['value_max']),
                                          unit=norm_unit(r['unit']), kind=r['kind']))

    tmp = tempfile.mkdtemp(prefix='heldout-phrases-')
    names = {}
    for pid, p in phrases.items():
        name = os.path.join(tmp, f'p{int(pid):05d}.txt')
        with open(name, 'w', encoding='utf-8') as f:
            f.write(p['phrase'] + '\n')
        names[name] = pid
        names[os.path.basename(name)] = pid
    proc = subprocess.run([args.binary, 'figures', '-f', 'jsonl', tmp], capture_output=True, text=True)
    if proc.returncode != 0:
        print('CLI exit', proc.returncode, proc.stderr[:2000], file=sys.stderr)
    reported = collections.defaultdict(list)
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        o = json.loads(line)
        pid = names.get(o.get('file')) or names.get(os.path.basename(o.get('file', '')))
        if pid is None:
            print('unknown file in output:', o.get('file'), file=sys.stderr)
            continue
        reported[pid].append(o)

    cats = collections.OrderedDict()
    def C(cat):
        return cats.setdefault(cat, collections.Counter())
    tot = collections.Counter()
    EXTRA = ('colloquial',)   # outside SPEC's explicit text: shown, but not in ALL
    fails = []
    value_only_ok = [0]
    for pid, p in phrases.items():
        cat = p['category']
        exp = p['expected']
        rep = reported.get(pid, [])
        used = [False] * len(exp)
        good = 0
        text_exact = 0
        wrong = []
        for o in rep:
            v, vm, u = o.get('value'), o.get('value_max'), norm_unit(o.get('unit'))
            hit = None
            for i, e in enumerate(exp):
                if used[i]:
                    continue
                loose = cat == 'fraction' and is_repeating(e['value'])
                if u == e['unit'] and v is not None and close(float(v), e['value'], loose) and \
                        close(None if vm is None else float(vm), e['value_max'], loose):
                    hit = i
                    break
            if hit is None:
                wrong.append(o)
                # side metric: value (and value_max) right but unit differs
                for e2 in exp:
                    if v is not None and close(float(v), e2['value'], cat == 'fraction' and is_repeating(e2['value'])) and \
                            close(None if vm is None else float(vm), e2['value_max']):
                        value_only_ok[0] += (cat not in EXTRA)
                        break
            else:
                used[hit] = True
                good += 1
                text_exact += (o.get('text') == exp[hit]['text'])
        missed = [e for i, e in enumerate(exp) if not used[i]]
        for c in ((C(cat),) if cat in EXTRA else (C(cat), tot)):
            c['phrases'] += 1
            c['expected'] += len(exp)
            c['reported'] += len(rep)
            c['correct'] += good
            c['text_exact'] += text_exact
        if wrong or missed:
            fails.append((pid, cat, p['phrase'], exp, rep, wrong, missed))

    def pct(a, b):
        return f'{a / b:.3f}' if b else '  -  '
    hdr = f"{'category':<12} {'phr':>4} {'exp':>4} {'rep':>4} {'ok':>4} {'prec':>6} {'recall':>6} {'txt=':>6}"
    print(hdr)
    print('-' * len(hdr))
    order = ['money', 'percent', 'units', 'range', 'sign', 'spoken', 'fraction', 'cheng_bei', 'half', 'vague',
             'jiao_fen', 'currency', 'slash', 'age', 'temperature', 'qian_unit', 'trap']
    for cat in sorted(cats, key=lambda c: order.index(c) if c in order else 99):
        c = cats[cat]
        print(f"{cat:<12} {c['phrases']:>4} {c['expected']:>4} {c['reported']:>4} {c['correct']:>4} "
              f"{pct(c['correct'], c['reported']):>6} {pct(c['correct'], c['expected']):>6} "
              f"{pct(c['text_exact'], c['correct']):>6}")
    print('-' * len(hdr))
    print(f"{'ALL*':<12} {tot['phrases']:>4} {tot['expected']:>4} {tot['reported']:>4} {tot['correct']:>4} "
          f"{pct(tot['correct'], tot['reported']):>6} {pct(tot['correct'], tot['expected']):>6} "
          f"{pct(tot['text_exact'], tot['correct']):>6}")
    ordinary = ('money', 'percent', 'units')
    hard = [c for c in cats if c not in ordinary and c != 'trap' and c not in EXTRA]
    for label, group in (('ordinary', ordinary), ('hard constructions', hard)):
        g = collections.Counter()
        for c in group:
            g.update(cats.get(c, {}))
        print(f"{label:<20} precision {pct(g['correct'], g['reported'])}  recall {pct(g['correct'], g['expected'])}")
    print("* ALL excludes", ', '.join(EXTRA), "(colloquial 块/毛/圆, labelled 元 as JioNLP/Duckling do; not SPEC text)")
    print(f"value-only precision (value & value_max right, unit ignored): "
          f"{pct(tot['correct'] + value_only_ok[0], tot['reported'])}")
    print(f"trap phrases with any figure: {sum(1 for f in fails if f[1] == 'trap')} / {cats.get('trap', {}).get('phrases', 0)}")

    out = open(args.failures, 'w', encoding='utf-8') if args.failures else None
    if out:
        for pid, cat, phrase, exp, rep, wrong, missed in fails:
            out.write(f'[{pid}] ({cat}) {phrase}\n')
            for e in missed:
                out.write(f"   MISSED  {e['text']}  value={e['value']} max={e['value_max']} unit={e['unit']}\n")
            for o in wrong:
                out.write(f"   WRONG   {o.get('text')}  value={o.get('value')} max={o.get('value_max')} unit={o.get('unit')}\n")
        out.close()
        print('failures written to', args.failures)


if __name__ == '__main__':
    main()
