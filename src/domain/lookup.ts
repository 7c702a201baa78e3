/**
 * Where a citizen follows a dossier (issue 17; commune-process.md step 1: the counter explains how
 * to follow progress): the portal's look-up page for the code when the profile has a tracking URL
 * template (`tracking.urlTemplate`, UNCONFIRMED and so configured), else the address of the portal
 * where they file (profile `onlinePortal`, default DVCQG), to look the code up there. Pure.
 */
export const NATIONAL_PORTAL = { name: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn' } as const;

export function dossierLookup(code: string, trackingUrlTemplate: string | null | undefined, portalUrl: string | null | undefined = NATIONAL_PORTAL.url): string {
  if (trackingUrlTemplate) return trackingUrlTemplate.split('{code}').join(encodeURIComponent(code));
  // the bare host reads best in an SMS and on paper ("dichvucong.gov.vn")
  return (portalUrl ?? NATIONAL_PORTAL.url).replace(/^https?:\/\//, '').replace(/\/$/, '');
}
