// Review mode: the extractions a user should check, each with its quote,
// and the curation.yaml that the user's decisions make. Nothing is sent to
// the server: the file is built here and downloaded, for the loader to read
// on the next load (loader/curation.go's format: merge, rename, sector,
// exclude).

export const SECTORS = ['voluntary', 'health', 'public', 'government', 'business', 'education', 'faith', 'housing', 'other'];

// normalName reduces a name to what two spellings of one body share:
// case, accents, punctuation, "&"/"and", a leading "the" and legal suffixes
// are dropped.
export function normalName(s) {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/&/g, ' and ').replace(/['’]/g, '').replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(the|ltd|limited|cic|plc|inc|llp|co)\b/g, ' ')
    .replace(/\s+/g, ' ').trim();
}

// editDistance is Levenshtein's, giving up (returning max+1) past max.
export function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

// nearDuplicates pairs nodes of one kind whose names may be one name spelt
// two ways: equal once normalised; or, for names of 10 letters or more,
// at most 2 edits apart, starting alike and not differing by a number; or
// one name of two words or more whose words all stand in the other, which
// has at most two more ("Northtown Community Centre" and "Northtown
// Community Centre in Westvale"). items: [{id, kind, name}]. A list for a
// person to check, not a decision: each pair comes with both quotes.
export function nearDuplicates(items) {
  const pairs = [];
  const byKind = new Map();
  for (const it of items) {
    // Initiatives pair only within one council's case study (their ids
    // start initiative:<council>:): two councils' support hubs are two.
    const group = it.kind === 'Initiative' ? it.id.split(':').slice(0, 2).join(':') : it.kind;
    if (!byKind.has(group)) byKind.set(group, []);
    byKind.get(group).push({ ...it, key: normalName(it.name) });
  }
  for (const list of byKind.values()) {
    list.sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 0; i < list.length && i < 3000; i++) {
      for (let j = i + 1; j < list.length && j < 3000; j++) {
        const a = list[i].key;
        const b = list[j].key;
        if (!a || !b) continue;
        let same = a === b;
        if (!same && Math.min(a.length, b.length) >= 10 && a.slice(0, 3) === b.slice(0, 3)) {
          const digits = (s) => s.replace(/\D/g, '');
          same = digits(a) === digits(b) && editDistance(a, b, 2) <= 2;
        }
        if (!same) {
          const [short, long] = a.length <= b.length ? [a.split(' '), b.split(' ')] : [b.split(' '), a.split(' ')];
          const words = new Set(long);
          same = short.length >= 2 && long.length - short.length <= 2 && short.every((w) => words.has(w));
        }
        if (same) pairs.push([list[i], list[j]]);
      }
    }
  }
  return pairs;
}

function q(s) { return JSON.stringify(String(s)); }

// curationYAML writes decisions as curation.yaml. decisions: a Map of item
// key to { action: 'accept'|'exclude'|'rename'|'sector'|'merge', id, name,
// sector, into, from, note }.
export function curationYAML(decisions) {
  const merge = new Map();
  const rename = [];
  const sector = [];
  const exclude = [];
  const accepted = [];
  for (const d of decisions.values()) {
    switch (d.action) {
      case 'merge':
        if (!merge.has(d.into)) merge.set(d.into, []);
        if (!merge.get(d.into).includes(d.from)) merge.get(d.into).push(d.from);
        break;
      case 'rename': if (d.name && d.name.trim()) rename.push(d); break;
      case 'sector': if (SECTORS.includes(d.sector)) sector.push(d); break;
      case 'exclude': if (!exclude.includes(d.id)) exclude.push(d.id); break;
      case 'accept': accepted.push(d); break;
      default: break;
    }
  }
  // Rules apply merge first: a node merged away has no id left to rename,
  // re-sector or exclude (the loader would refuse the file), so those
  // decisions are dropped, saying so.
  const mergedInto = new Map();
  for (const [into, from] of merge) for (const f of from) mergedInto.set(f, into);
  const dropped = [];
  const keep = (d, id) => {
    if (!mergedInto.has(id)) return true;
    dropped.push(`# not applied: ${d.action} ${id}, which is merged into ${mergedInto.get(id)}`);
    return false;
  };
  const renameKept = rename.filter((d) => keep(d, d.id));
  const sectorKept = sector.filter((d) => keep(d, d.id));
  const excludeKept = exclude.filter((id) => keep({ action: 'exclude' }, id));
  rename.splice(0, rename.length, ...renameKept);
  sector.splice(0, sector.length, ...sectorKept);
  exclude.splice(0, exclude.length, ...excludeKept);
  const lines = ['# curation.yaml from the partnergraph explorer\'s review mode.',
    '# Put it beside the documents as curation.yaml and load again; rules apply in the order merge, rename, sector, exclude.'];
  for (const d of accepted) lines.push(`# accepted as extracted: ${d.id}${d.note ? ` (${d.note})` : ''}`);
  lines.push(...dropped);
  let any = false;
  if (merge.size) {
    any = true;
    lines.push('merge:');
    for (const [into, from] of merge) lines.push(`  - into: ${q(into)}`, `    from: [${from.map(q).join(', ')}]`);
  }
  if (rename.length) {
    any = true;
    lines.push('rename:');
    for (const d of rename) lines.push(`  - id: ${q(d.id)}`, `    name: ${q(d.name.trim())}`);
  }
  if (sector.length) {
    any = true;
    lines.push('sector:');
    for (const d of sector) lines.push(`  - id: ${q(d.id)}`, `    sector: ${q(d.sector)}`);
  }
  if (exclude.length) {
    any = true;
    lines.push('exclude:');
    for (const id of exclude) lines.push(`  - ${q(id)}`);
  }
  if (!any) lines.push('{}');
  return lines.join('\n') + '\n';
}
