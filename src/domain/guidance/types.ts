/**
 * The guidance desk (issue 17): one record per citizen helped by the community digital team
 * (Tổ công nghệ số cộng đồng) before or instead of the counter.
 */
export const GUIDANCE_KINDS = ['explain', 'checklist', 'vneid', 'self-filed', 'assisted', 'other'] as const;
export type GuidanceKind = (typeof GUIDANCE_KINDS)[number];

export interface GuidanceRecord {
  /** A reference unique in the store (chosen by the guide command, e.g. `HT-<day>-<n>`). */
  id: string;
  /** When the help was given (ISO 8601, +07:00). */
  at: string;
  kinds: GuidanceKind[];
  /** Team member who helped (a person's full name, never an OS login). */
  member: string;
  citizen: { fullName: string | null; phone: string | null; personalId: string | null };
  /** Procedure code of the national database, when the help was about one. */
  procedure: string | null;
  /** The dossier that intake created for an `assisted` filing. */
  dossier: string | null;
  minutes: number | null;
  note: string | null;
  /** The desk that recorded it (stamped by the store). */
  desk?: string;
}
