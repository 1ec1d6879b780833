/** One option as a command's help shows it. */
export interface OptionHelp {
  /** The value's placeholder (`DIR`); absent for a switch. */
  value?: string;
  about: string;
  /** What it is when not given, as the help says it. */
  default?: string;
  /** It may be given more than once. */
  repeatable?: boolean;
}

/** One command's help: what `tierpress <command> --help` prints. */
export interface CommandHelp {
  /** Positional arguments after the command, as the synopsis writes them (`DIR`). */
  args?: string;
  /** One line for the global list of commands. */
  summary: string;
  /** A few lines on what it does, for its own help. */
  about: string;
  options: Record<string, OptionHelp>;
  example: string;
}

const content: OptionHelp = { value: 'DIR', about: 'content folder', default: 'content' };
const out: OptionHelp = { value: 'DIR', about: 'output folder', default: 'dist' };
const at: OptionHelp = { value: 'INSTANT', about: 'as of this RFC 3339 instant, e.g. 2026-11-28T12:00:00Z', default: 'now' };

/** Every command's help; the option names are those its parser accepts (a test holds them to it). */
export const COMMAND_HELP: Record<string, CommandHelp> = {
  build: {
    summary: 'build every tier into dist/<tier>/ and every partner into dist/partners/<id>/',
    about: 'Validates the content, renders each distinct view once, audits and seals every bundle,\nand replaces the previous bundles only when all succeeded. Ctrl-C leaves the output folder unchanged.',
    options: {
      content,
      out,
      at,
      tier: { value: 'ID', about: 'only this tier; no partner bundles then', repeatable: true, default: 'every tier and partner' },
      partner: { value: 'ID', about: "only this partner's bundle; no tier bundles then", repeatable: true },
      cache: { value: 'DIR', about: 'keep what is reused between builds here (safe to delete)', default: '.tierpress/cache' },
      'no-cache': { about: 'neither read nor write the cache: build everything afresh' },
    },
    example: 'npx tierpress build --at 2026-11-28T12:00:00Z --tier public --tier partner',
  },
  check: {
    summary: 'validate content and show what each tier and partner would receive',
    about: 'Validates every file of the content folder, printing each error and warning with file, line\nand column; then shows per tier and partner what a build at the instant would publish.',
    options: { content, at },
    example: 'npx tierpress check --at 2026-11-28T12:00:00Z',
  },
  new: {
    summary: 'write a new draft advisory with the next free id',
    about:
      'Writes <content>/advisories/<YYYY>/<PREFIX>-<YYYY>-<NNNN>.md with the next free number of the\nyear: every required field, the optional ones as comments, a body with example gates, status: draft.\nThe prefix is the one the existing advisories use (the most common one); ADV when there are none.\nAn existing file is never overwritten. Prints the path written.',
    options: {
      content,
      title: { value: 'TEXT', about: 'the title', default: 'a placeholder to replace' },
      product: { value: 'NAME', about: 'the first affected product', default: 'a placeholder to replace' },
      prefix: { value: 'PREFIX', about: 'the id prefix, e.g. CTSA', default: "the existing advisories' prefix, else ADV" },
      at: { ...at, about: 'the instant whose year the id and folder take' },
    },
    example: 'npx tierpress new --title "Path traversal in Contoso Gateway" --product "Contoso Gateway"',
  },
  dev: {
    summary: 'preview one view of the content in the browser, reloading on every save',
    about:
      "Serves one view with Astro's dev server (localhost only) and reloads open pages within a second\nor so of saving an advisory, site.yaml or an asset; only the files saved are parsed and projected\nagain. A content error is shown on every page and in the terminal, with file, line and column,\nover the last good pages. --tier internal (the default: the tier with lead: always) is the authors'\nreview view, every gate framed with the least tier that receives it. Writes nothing to dist/;\na --partner preview shows that partner's view without its marks. Every page says it is a preview.",
    options: {
      content,
      tier: { value: 'ID', about: 'preview this tier', default: 'the tier with lead: always, else the most trusted' },
      partner: { value: 'ID', about: "preview this partner's view (neutral marks); not with --tier" },
      at: { ...at, about: 'as of this RFC 3339 instant, fixed while it runs' },
      port: { value: 'N', about: 'port to serve on; the next free one if it is taken', default: '4321' },
    },
    example: 'npm run dev -- --tier public --at 2026-11-28T12:00:00Z',
  },
  schedule: {
    summary: 'list the coming changes of what each tier and partner sees',
    about:
      'Lists, oldest first, the instants at which a tier or partner starts to see an advisory (with\nor without its PoC) or sees it withdrawn, from --at for --days days. Release overrides, max_tier,\nwithheld classes and max_lead are taken into account. The PoC is the content of the gates of the\nclass poc, or of every class when the site has no poc class.',
    options: { content, at: { ...at, about: 'from this RFC 3339 instant' }, days: { value: 'N', about: 'how many days ahead, or all', default: '30' } },
    example: 'npx tierpress schedule --at 2026-11-15T00:00:00Z --days 40',
  },
  audit: {
    args: 'DIR',
    summary: 're-audit a built tier or partner bundle against the current content',
    about: "Re-audits a built bundle for the tier (or partner) and instant its manifest names, or those given.\nThe manifest is taken as the bundle says; check it first with tierpress verify DIR --key PUB.",
    options: {
      content,
      tier: { value: 'ID', about: 'audit as this tier', default: "the manifest's" },
      partner: { value: 'ID', about: 'audit as this partner', default: "the manifest's" },
      at: { ...at, default: "the manifest's" },
      explain: { about: 'show each finding in its advisory and in the bundle file' },
    },
    example: 'npx tierpress audit dist/public --explain',
  },
  verify: {
    args: 'DIR',
    summary: "check a bundle's signature and every file's hash",
    about: 'Checks manifest.json.sig and the sha256 of every file; reports missing, extra and changed files.',
    options: { key: { value: 'PUB', about: 'public key (PEM) to verify with', default: 'the key the bundle carries' } },
    example: 'npx tierpress verify dist/public --key signing-public.pem',
  },
  trace: {
    args: 'FILE|-',
    summary: 'name the partner whose bundle a leaked file or excerpt came from',
    about: 'Reads a leaked file, or an excerpt from standard input with -, and names the partner bundles\nits marks, invisible marks and file hashes (from the ledger) point to.',
    options: { content, out: { ...out, about: 'output folder holding the ledger' } },
    example: 'npx tierpress trace leaked-page.html',
  },
  'who-knew': {
    args: 'ID',
    summary: 'list the partners that received an advisory, and from when',
    about: 'Reads the ledger of partner builds and lists who received an advisory (or the gates of one class), first and last.',
    options: { gate: { value: 'NAME', about: 'only partners that received this gate class' }, out: { ...out, about: 'output folder holding the ledger' } },
    example: 'npx tierpress who-knew CTSA-2025-0007 --gate poc',
  },
};

/** `[--content DIR] [--tier ID]…`, for the synopsis. */
function synopsis(name: string, help: CommandHelp): string {
  const options = Object.entries(help.options).map(([flag, option]) => `[--${flag}${option.value ? ` ${option.value}` : ''}]${option.repeatable ? '…' : ''}`);
  return ['tierpress', name, ...(help.args ? [help.args] : []), ...options].join(' ');
}

/** What `tierpress <command> --help` prints: synopsis, what it does, its options with defaults, an example. */
export function commandHelp(name: string): string {
  const help = COMMAND_HELP[name]!;
  const rows = [
    ...Object.entries(help.options).map(([flag, option]) => {
      const notes = [option.repeatable ? 'repeatable' : '', option.default ? `default: ${option.default}` : ''].filter(Boolean).join('; ');
      return [`--${flag}${option.value ? ` ${option.value}` : ''}`, `${option.about}${notes ? ` (${notes})` : ''}`] as const;
    }),
    ['-h, --help', 'show this help'] as const,
  ];
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: ${synopsis(name, help)}`,
    '',
    help.about,
    '',
    'Options:',
    ...rows.map(([flag, about]) => `  ${flag.padEnd(width)}  ${about}`),
    '',
    'Example:',
    `  ${help.example}`,
  ].join('\n');
}
