// Types for extract-defs.mjs, so tests can regenerate the vocabulary in memory.
import type { TagDef } from '../src/model/defs/tag-def.js';

export interface TrioFile {
  lib: string;
  file: string;
  text: string;
}

export interface Vocabulary {
  version: string;
  defs: TagDef[];
}

export const KIND_DEFS: Readonly<Record<string, string>>;
export const MAX_ENUM_VALUES: number;
export const DEFAULT_SRC_DIR: string;
export const OUT_DIR: string;
export function readTrioFiles(srcDir: string): TrioFile[];
export function parseEnum(text: unknown, where: string): string[];
export function extractDefs(files: TrioFile[]): Vocabulary;
export function renderJson(vocab: Vocabulary): string;
export function renderTs(vocab: Vocabulary): string;
export function generate(srcDir?: string): {
  'haystack-defs.json': string;
  'haystack-defs.generated.ts': string;
  vocab: Vocabulary;
};
