import { readFileSync } from 'node:fs';

let version: string | undefined;

/** haysim's package version, for what outputs record about their producer (src/ and dist/ sit one level below package.json). */
export function haysimVersion(): string {
  if (version === undefined) {
    try {
      version = String(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
