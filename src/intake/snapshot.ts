import type { PartyLike } from './parties.js';
import type { Channel, ComponentSnapshot, ProcedureSnapshot } from '../domain/dossier/types.js';

type Unit = 'working-days' | 'days' | 'hours';
interface TimeLike {
  value: number;
  unit: Unit;
}

/** The parts of a catalogue procedure a dossier keeps (structural, so the catalogue can grow). */
export interface ProcedureLike {
  code: string;
  name: string;
  field: string;
  version: string;
  processingTime: { inPerson: TimeLike | null; online: TimeLike | null; postal: TimeLike | null };
  cutoff: string | null;
  components: (ComponentSnapshot & { channels?: Channel[] | null; variants?: string[] })[];
  variants?: { id: string; name: string }[];
  parties?: PartyLike[];
}

const KEY: Record<Channel, 'inPerson' | 'online' | 'postal'> = { 'in-person': 'inPerson', online: 'online', postal: 'postal' };

/** The processing time for a channel, falling back to another channel's figure when the record gives only one. */
export function timeFor(p: ProcedureLike, channel: Channel): TimeLike | null {
  const pt = p.processingTime;
  const t = pt[KEY[channel]] ?? pt.inPerson ?? pt.online ?? pt.postal;
  return t ? { value: t.value, unit: t.unit } : null;
}

/**
 * Components that apply to a channel (a component without a channel list applies to all). A
 * component that belongs to some variants of the procedure only (e.g. the kind of document to be
 * certified) becomes conditional, asked like the other special cases.
 */
export function componentsFor(p: ProcedureLike, channel: Channel): ProcedureLike['components'] {
  const variantName = (id: string) => p.variants?.find((v) => v.id === id)?.name ?? id;
  return p.components
    .filter((c) => !c.channels || c.channels.length === 0 || c.channels.includes(channel))
    .map((c) => (c.variants && c.variants.length > 0 && c.required ? { ...c, required: false, condition: c.condition ?? c.variants.map(variantName).join(' / ') } : c));
}

/** Freeze what the dossier needs from the catalogue at reception (design §4). */
export function snapshotProcedure(p: ProcedureLike, channel: Channel = 'in-person'): ProcedureSnapshot {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    version: p.version,
    processingTime: timeFor(p, channel),
    cutoff: p.cutoff,
    components: componentsFor(p, channel).map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      copy: c.copy,
      quantity: c.quantity,
      condition: c.condition,
      required: c.required,
    })),
  };
}
