import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The environment variable that may hold the secret marks are keyed with. */
export const MARK_KEY_ENV = 'TIERPRESS_MARK_KEY';

/**
 * The secret marks are keyed with: TIERPRESS_MARK_KEY, else a development
 * key made once in `<project>/.tierpress/dev-mark-key` (git-ignored) and reused,
 * so marks stay the same across builds and `trace` can recompute them.
 */
export async function loadMarkKey(projectRoot: string): Promise<{ key: Uint8Array; origin: 'environment' | 'development'; path?: string }> {
  const fromEnv = process.env[MARK_KEY_ENV];
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error(`${MARK_KEY_ENV} must be at least 32 characters of secret`);
    return { key: Buffer.from(fromEnv, 'utf8'), origin: 'environment' };
  }
  const path = join(projectRoot, '.tierpress', 'dev-mark-key');
  try {
    return { key: await readKeyFile(path), origin: 'development', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch((error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return { key: await readKeyFile(path), origin: 'development', path };
}

/** The development key: exactly 32 bytes in hex. Anything else is refused: Buffer.from would read it as a short or empty key anyone could recompute. */
async function readKeyFile(path: string): Promise<Buffer> {
  const text = (await readFile(path, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new Error(`${path} is not a mark key (64 hex digits); remove it to have a new one made, or set ${MARK_KEY_ENV}`);
  return Buffer.from(text, 'hex');
}
