import type { PartyLike } from './parties.js';
import type { Channel, ComponentSnapshot, ProcedureSnapshot } from '../domain/dossier/types.js';

type Unit = 'working-days' | 'days' | 'hours';
interface TimeLike {
  value: number;
  unit: Unit;
  /** false: the record gives a bare number ("1"); the unit is assumed. */
  unitStated?: boolean;
  /** The record's own wording. */
  text?: string | null;
  /** 'commune': set in the commune's profile (`procedureTimes`), not by the record. */
  source?: 'commune';
}
type CutoffRule = 'result-next-working-day' | 'count-from-next-working-day';

/** The parts of a catalogue procedure a dossier keeps (structural, so the catalogue can grow). */
export interface ProcedureLike {
  code: string;
  name: string;
  field: string;
  version: string;
  processingTime: { inPerson: TimeLike | null; online: TimeLike | null; postal: TimeLike | null };
  cutoff: string | null;
  cutoffRule?: CutoffRule;
  cutoffVariants?: string[];
  components: (ComponentSnapshot & { channels?: Channel[] | null; variants?: string[] })[];
  variants?: { id: string; name: string; processingTime?: TimeLike }[];
  groups?: { id: string; name: string }[];
  channels?: Channel[] | null;
  paperAllowed?: boolean | null;
  parties?: PartyLike[];
  /** The catalogue's applicant kinds ("Công dân Việt Nam", "Tổ chức (…)", …). */
  applicants?: string[];
}

/** A time limit the commune sets for a procedure whose record gives none (profile `procedureTimes`). */
export interface CommuneTime {
  value: number;
  unit: Unit;
  cutoff?: string | null;
  cutoffRule?: CutoffRule;
}

const KEY: Record<Channel, 'inPerson' | 'online' | 'postal'> = { 'in-person': 'inPerson', online: 'online', postal: 'postal' };

/** The case's own time limit when it has one; else the channel's, falling back to another channel's figure when the record gives only one. */
export function timeFor(p: ProcedureLike, channel: Channel, variant: string | null = null): TimeLike | null {
  const own = variant ? p.variants?.find((v) => v.id === variant)?.processingTime : undefined;
  if (own) return own;
  const pt = p.processingTime;
  return pt[KEY[channel]] ?? pt.inPerson ?? pt.online ?? pt.postal;
}

/** The time limit depends on the case (e.g. 1.013225): the case must be chosen at intake. */
export function caseRequired(p: Pick<ProcedureLike, 'variants'>): boolean {
  return (p.variants ?? []).some((v) => v.processingTime !== undefined);
}

/**
 * The commune's own time for a procedure, filling only the channels the record leaves without a
 * time (chứng thực: "Không có thông tin"), and its cut-off when the record gives none. Pure.
 */
export function withCommuneTime<P extends ProcedureLike>(p: P, t: CommuneTime | undefined): P {
  if (!t) return p;
  const fill = (x: TimeLike | null): TimeLike => x ?? { value: t.value, unit: t.unit, unitStated: true, text: null, note: null, source: 'commune' } as TimeLike;
  const pt = p.processingTime;
  const filled = { ...p, processingTime: { inPerson: fill(pt.inPerson), online: fill(pt.online), postal: fill(pt.postal) } };
  if (p.cutoff === null && t.cutoff) return { ...filled, cutoff: t.cutoff, cutoffRule: t.cutoffRule ?? 'result-next-working-day' };
  return filled;
}

/**
 * Components that apply to a channel (a component without a channel list applies to all). With a
 * case chosen, the components of other cases drop out; without one, a component that belongs to
 * some cases only becomes conditional, asked like the other special cases.
 */
export function componentsFor(p: ProcedureLike, channel: Channel, variant: string | null = null): ProcedureLike['components'] {
  const variantName = (id: string) => p.variants?.find((v) => v.id === id)?.name ?? id;
  return p.components
    .filter((c) => !c.channels || c.channels.length === 0 || c.channels.includes(channel))
    .filter((c) => !variant || !c.variants || c.variants.length === 0 || c.variants.includes(variant))
    .map((c) => (!variant && c.variants && c.variants.length > 0 && c.required ? { ...c, required: false, condition: c.condition ?? c.variants.map(variantName).join(' / ') } : c));
}

/** Freeze what the dossier needs from the catalogue at reception (design §4). */
export function snapshotProcedure(p: ProcedureLike, channel: Channel = 'in-person', variant: string | null = null): ProcedureSnapshot {
  const v = variant ? p.variants?.find((x) => x.id === variant) : undefined;
  const t = timeFor(p, channel, v?.id ?? null);
  const cutoff = p.cutoff !== null && (!p.cutoffVariants || !v || p.cutoffVariants.includes(v.id)) ? p.cutoff : null;
  const components = componentsFor(p, channel, v?.id ?? null);
  const groupIds = new Set(components.map((c) => c.group).filter((g): g is string => g !== undefined));
  const groups = (p.groups ?? []).filter((g) => groupIds.has(g.id));
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    version: p.version,
    processingTime: t ? { value: t.value, unit: t.unit } : null,
    cutoff,
    ...(cutoff !== null && p.cutoffRule ? { cutoffRule: p.cutoffRule } : {}),
    ...(v ? { variant: { id: v.id, name: v.name } } : {}),
    ...(groups.length > 0 ? { groups: groups.map((g) => ({ id: g.id, name: g.name })) } : {}),
    ...(t && t.text !== undefined ? { timeText: t.text } : {}),
    ...(t && t.unitStated === false ? { unitStated: false } : {}),
    ...(t?.source === 'commune' ? { timeSource: 'commune' as const } : v?.processingTime ? { timeSource: 'case' as const } : {}),
    components: components.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      copy: c.copy,
      quantity: c.quantity,
      condition: c.condition,
      required: c.required,
      ...(c.group !== undefined && groups.some((g) => g.id === c.group) ? { group: c.group } : {}),
    })),
  };
}
