import type { Context } from '../../context.js';
import type { Profile } from '../../config/profile.js';
import type { Repository } from '../../store/repository.js';

/** The steps of a sync run after the portal: deadline sweep and notifications (issue 6/7 hooks). */
export async function syncSteps(_ctx: Context, _profile: Profile, _repo: Repository): Promise<Record<string, unknown>> {
  return {};
}
