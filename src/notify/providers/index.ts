/**
 * Which provider serves each channel, what it can do for crash recovery, and whether its settings
 * are complete. Provider modules are imported only when something is sent.
 */
import type { NotifyConfig } from '../config.js';
import { emailProblems } from '../email.js';
import type { ProviderCaps } from '../outbox.js';
import type { Channel } from '../types.js';
import { esmsProblems } from './esms.js';
import { httpProblems } from './http.js';
import type { EmailProvider, ProviderSetupProblem, SmsProvider } from './types.js';

export interface ChannelSetup {
  caps: Partial<Record<Channel, ProviderCaps>>;
  problems: Partial<Record<Channel, ProviderSetupProblem>>;
}

/** Channels ready to send, and the problems of those that are configured but incomplete. */
export function channelSetup(c: NotifyConfig): ChannelSetup {
  const caps: ChannelSetup['caps'] = {};
  const problems: ChannelSetup['problems'] = {};
  const p = c.sms.provider;
  if (p !== 'none') {
    const problem = p === 'esms' ? esmsProblems(c) : p === 'http' ? httpProblems(c) : undefined;
    if (problem) problems.sms = problem;
    else caps.sms = { name: p, dedupes: p === 'esms' || (p === 'http' && c.sms.http.dedupe), canLookup: p === 'file' };
  }
  if (c.email.smtpUrl) {
    const problem = emailProblems(c);
    if (problem) problems.email = problem;
    else caps.email = { name: 'smtp', dedupes: false, canLookup: false };
  }
  return { caps, problems };
}

export async function createSmsProvider(c: NotifyConfig, now: () => Date): Promise<SmsProvider> {
  switch (c.sms.provider) {
    case 'esms':
      return (await import('./esms.js')).createEsmsProvider(c);
    case 'http':
      return (await import('./http.js')).createHttpProvider(c);
    case 'file':
      return (await import('./file.js')).createFileProvider(c, now);
    default:
      throw new Error('no SMS provider configured');
  }
}

export async function createMailProvider(c: NotifyConfig): Promise<EmailProvider> {
  return (await import('../email.js')).createEmailProvider(c);
}
