import { pocClasses, visibilitySchedule, type ScheduledChange } from '../core/project/schedule.ts';
import { formatInstant } from '../core/schema/fields.ts';
import { formatProblems } from '../core/validate/problem.ts';
import { loadContent } from './check.ts';
import { parseAt, parseOptions, UsageError } from './usage.ts';

/** The options of `schedule`, as its parser takes them. */
export const SCHEDULE_OPTIONS = {
  content: { type: 'string', default: 'content' },
  at: { type: 'string' },
  days: { type: 'string', default: '30' },
} as const;

const DAY = 86_400_000;

/**
 * `tierpress schedule`: the coming changes of what each tier and partner
 * sees, from `--at` for `--days` days (or `all`), one line per advisory
 * and kind of change at each instant, instants apart by a blank line.
 */
export async function scheduleCommand(args: string[]): Promise<number> {
  const options = parseOptions(args, SCHEDULE_OPTIONS);
  const from = parseAt(options.at);
  const days = options.days === 'all' ? undefined : Number(options.days);
  if (days !== undefined && !(/^\d+$/.test(options.days) && days > 0)) throw new UsageError(`--days ${options.days}: expected a whole number of days above 0, or all`);
  const { content, problems } = await loadContent(options.content);
  if (!content) {
    console.error(formatProblems(problems));
    return 1;
  }
  const to = days === undefined ? undefined : from.ms + days * DAY;
  const changes = visibilitySchedule(content, { from: from.ms, ...(to === undefined ? {} : { to }) });
  const window = to === undefined ? `from ${from.text} on` : `from ${from.text} to ${formatInstant(to)} (${days} day${days === 1 ? '' : 's'})`;
  // Said only when it is not the poc class: a site without one counts every class gate as PoC.
  const classes = pocClasses(content.site);
  const poc = classes.includes('poc') ? '' : ` (PoC here: the gates of ${classes.length > 0 ? `the classes ${classes.join(', ')}` : 'no class; the site has none'})`;
  console.log(`${options.content}: ${changes.length === 0 ? 'no visibility changes' : 'visibility changes'} ${window}${poc}${changes.length === 0 ? '.' : ':'}`);
  let previous: number | undefined;
  for (const change of changes) {
    if (change.ms !== previous) console.log('');
    previous = change.ms;
    console.log(`${change.at}  ${change.advisory}  ${describeChange(change)}`);
  }
  const always = content.site.tiers.filter((tier) => tier.lead === 'always').map((tier) => tier.id);
  const drafts = content.advisories.filter((advisory) => advisory.fields.status === 'draft').map((advisory) => advisory.fields.id);
  const notes = [
    always.length > 0 ? `${always.join(', ')} see${always.length === 1 ? 's' : ''} every advisory at any time (lead: always), drafts included.` : '',
    drafts.length > 0 ? `Drafts, which no other tier or partner sees before they have a release: ${drafts.join(', ')}.` : '',
  ].filter(Boolean);
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
  return 0;
}

/** `partner, adatum-hosting start to see it (no PoC)`: who, what, and what of the PoC. */
function describeChange(change: ScheduledChange): string {
  const one = change.views.length === 1;
  const who = change.views.join(', ');
  if (change.change === 'withdrawn') return `${who} ${one ? 'sees' : 'see'} it withdrawn`;
  const poc = { with: ', with its PoC', without: ' (no PoC)', withheld: ' (no PoC: withheld)', none: '' }[change.poc ?? 'none'];
  return `${who} ${one ? 'starts' : 'start'} to see it${change.alreadyWithdrawn ? ', already withdrawn' : ''}${poc}`;
}
